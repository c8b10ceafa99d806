import type { Locale } from '../core/types.js';
import type { PanelTranslate } from '../i18n/index.js';

// Building an Intl formatter costs milliseconds (its locale data loads on first use), formatting with one
// costs microseconds: every formatter is built once per locale and options, and the panel's common ones are
// built while the page is idle (warmFormats), so that opening the panel does not pay for them.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
const cached = <F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F => {
  let format = formatters.get(key) as F | undefined;
  if (!format) formatters.set(key, (format = make()));
  return format;
};

/** The locale's date (and time) formatter for these options, built once. */
export const dateFormat = (locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(`d${locale}${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

/** An amount in the order's currency, e.g. ¥199.00 or CN¥199.00, by locale. Bad input gives ''. */
export const formatMoney = (locale: Locale, amount?: number, currency = 'CNY'): string => {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  try {
    return cached(`n${locale}${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(
      amount,
    );
  } catch {
    // An invalid currency code from the backend: show the number rather than nothing.
    return `${amount.toFixed(2)} ${currency}`;
  }
};

/** A date (and, when asked, time) in the customer's locale. An unparsable date gives ''. */
export const formatDate = (locale: Locale, iso: string | number, time = false): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(locale, time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(date);
};

/**
 * "A, B, and C" in English, "A、B和C" in Chinese, from the catalogue's CLDR-style list patterns (which a
 * host can override like any string). Not Intl.ListFormat: its first use in a page loads list data for
 * 25–70 ms on a 2-core machine, a long task in the middle of opening the panel.
 */
export const formatList = (t: PanelTranslate, items: readonly string[]): string => {
  if (items.length < 3) return items.length === 2 ? t('list2', { a: items[0]!, b: items[1]! }) : (items[0] ?? '');
  return items
    .slice(0, -2)
    .reduceRight(
      (rest, item) => t('listMiddle', { a: item, b: rest }),
      t('listEnd', { a: items.at(-2)!, b: items.at(-1)! }),
    );
};

/** Builds the formatters that the first screen uses, so that opening the panel finds them ready. */
export const warmFormats = (locale: Locale): void => {
  formatDate(locale, 0);
  formatMoney(locale, 0);
  dateFormat(locale, { timeStyle: 'short' });
};
