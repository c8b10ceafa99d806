import type { Locale } from '../core/types.js';
import { launcherStrings, makeTranslate, type Translate } from './base.js';
import { en } from './en.js';
import type { Catalogue, StringKey } from './types.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export { resolveLocale } from './base.js';
export type { Catalogue, StringKey };

/** Translate function over every UI string. */
export type PanelTranslate = Translate<StringKey>;

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** A translate function for a locale, with host overrides from the `strings` option applied on top. */
export const translator = (locale: Locale, overrides?: Partial<Record<string, string>>): PanelTranslate =>
  makeTranslate({ ...launcherStrings[locale], ...CATALOGUES[locale], ...overrides } as Record<StringKey, string>);
