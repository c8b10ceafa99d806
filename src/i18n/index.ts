import type { Locale } from '../core/types.js';
import { launcherStrings, makeTranslate, type Translate } from './base.js';
import type { Catalogue, StringKey } from './types.js';

export { resolveLocale } from './base.js';
export type { Catalogue, StringKey };

/** Translate function over every UI string. */
export type PanelTranslate = Translate<StringKey>;

// One chunk per language: a page fetches the catalogue it shows, and another only when it switches to it.
const IMPORTS: Record<Locale, () => Promise<Catalogue>> = {
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW.js').then((m) => m.zhTW),
  en: () => import('./en.js').then((m) => m.en),
};
const catalogues: Partial<Record<Locale, Catalogue>> = {};
const pending: Partial<Record<Locale, Promise<void>>> = {};

/** Loads a locale's catalogue once; a failed load is tried again on the next call. */
export const loadCatalogue = (locale: Locale): Promise<void> =>
  catalogues[locale]
    ? Promise.resolve()
    : (pending[locale] ??= IMPORTS[locale]().then(
        (catalogue) => void (catalogues[locale] = catalogue),
        (error: unknown) => {
          delete pending[locale];
          throw error;
        },
      ));

/** Whether {@link loadCatalogue} has finished for a locale. */
export const hasCatalogue = (locale: Locale): boolean => !!catalogues[locale];

/**
 * A translate function for a locale, with host overrides from the `strings` option applied on top.
 * Until the locale's catalogue has loaded, panel strings show as their keys: load it first.
 */
export const translator = (locale: Locale, overrides?: Partial<Record<string, string>>): PanelTranslate =>
  makeTranslate({ ...launcherStrings[locale], ...catalogues[locale], ...overrides } as Record<StringKey, string>);
