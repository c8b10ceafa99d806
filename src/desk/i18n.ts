/**
 * The workbench's strings, on top of the widget's catalogues: the order card and the status words are the
 * widget's, so an order reads the same to the agent as to the customer.
 */
import type { Locale } from '../core/types.js';
import { launcherStrings, makeTranslate, type Translate } from '../i18n/base.js';
import { en as panelEn } from '../i18n/en.js';
import type { StringKey } from '../i18n/types.js';
import { zhCN as panelZhCN } from '../i18n/zh-CN.js';
import { zhTW as panelZhTW } from '../i18n/zh-TW.js';
import { en } from './i18n/en.js';
import { zhCN } from './i18n/zh-CN.js';
import { zhTW } from './i18n/zh-TW.js';

export type DeskKey = keyof typeof en;
/** One locale's workbench strings. */
export type DeskCatalogue = Record<DeskKey, string>;
/** Translate function over the workbench's and the widget's strings. */
export type DeskTranslate = Translate<DeskKey | StringKey>;

const DESK: Record<Locale, DeskCatalogue> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const PANEL = { 'zh-CN': panelZhCN, 'zh-TW': panelZhTW, en: panelEn };

/** A translate function for the workbench in `locale`. */
export const deskTranslator = (locale: Locale): DeskTranslate =>
  makeTranslate({ ...launcherStrings[locale], ...PANEL[locale], ...DESK[locale] } as Record<
    DeskKey | StringKey,
    string
  >);
