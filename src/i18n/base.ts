import type { Locale } from '../core/types.js';

/**
 * The few strings the launcher needs before the panel has loaded, and the error it shows when the panel
 * cannot load. The rest of each catalogue loads with the panel, only for the locale in use.
 */
export const launcherStrings: Record<
  Locale,
  Record<'launcher' | 'launcherUnread' | 'close' | 'loadFailed' | 'retry', string>
> = {
  'zh-CN': {
    launcher: '客服',
    launcherUnread: '{count} 条未读',
    close: '关闭',
    loadFailed: '服务大厅加载失败。',
    retry: '重试',
  },
  'zh-TW': {
    launcher: '客服',
    launcherUnread: '{count} 則未讀',
    close: '關閉',
    loadFailed: '服務大廳載入失敗。',
    retry: '重試',
  },
  en: {
    launcher: 'Help',
    launcherUnread: '{count} unread',
    close: 'Close',
    loadFailed: 'We could not load the help centre.',
    retry: 'Try again',
  },
};

/** Translate function: a key plus `{name}` parameters → text. */
export type Translate<K extends string = string> = (key: K, params?: Record<string, string | number>) => string;

/** A translate function over a string table. An unknown key shows as itself rather than as `undefined`. */
export const makeTranslate =
  <K extends string>(table: Record<K, string>): Translate<K> =>
  (key, params) =>
    (table[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole));

/**
 * Picks a supported locale: the requested one, else `<html lang>`, else the browser's, else `zh-CN`.
 * Traditional-script regions (TW, HK, MO, Hant) map to `zh-TW`.
 */
export const resolveLocale = (requested?: string | null): Locale => {
  const candidates = [requested, globalThis.document?.documentElement.lang, ...(globalThis.navigator?.languages ?? [])];
  for (const tag of candidates) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    if (lower.startsWith('en')) return 'en';
    if (lower.startsWith('zh')) return /hant|tw|hk|mo/.test(lower) ? 'zh-TW' : 'zh-CN';
  }
  return 'zh-CN';
};
