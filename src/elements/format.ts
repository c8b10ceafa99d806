import type { Locale } from '../core/types.js';
import type { PanelTranslate } from '../i18n/index.js';

// Building an Intl formatter costs milliseconds (its locale data loads on first use), formatting with one
// costs microseconds: every money formatter is built once per locale and currency, and the first screen's is
// built while the page is idle (warmFormats), so that opening the panel does not pay for it.
const formatters = new Map<string, Intl.NumberFormat>();

/** An amount in the order's currency, e.g. ¥199.00 or CN¥199.00, by locale. Bad input gives ''. */
export const formatMoney = (locale: Locale, amount?: number, currency = 'CNY'): string => {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  const key = locale + currency;
  try {
    let format = formatters.get(key);
    if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
    return format.format(amount);
  } catch {
    // An invalid currency code from the backend: show the number rather than nothing.
    return `${amount.toFixed(2)} ${currency}`;
  }
};

/**
 * How {@link formatDate} shows a moment: `date` "Dec 2, 2026", `dateTime` "Dec 2, 2026, 3:45 PM", `time`
 * "3:45 PM", `inYear` "Wed, December 2" (a day of the current year); in Chinese "2026年12月2日", "15:45",
 * "12月2日周三", and so on.
 */
export type DateStyle = 'date' | 'dateTime' | 'time' | 'inYear';

const pick = (list: string, index: number) => list.split('|')[index] ?? '';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date or time in the customer's language and time zone, from the catalogue's CLDR-style patterns (which a
 * host can override like any string). Not Intl.DateTimeFormat: its first use in a page loads the locale's
 * date data for 20 ms, and for 50–100 ms on a slow phone, a long task for the host page whenever it comes.
 * An unparsable date gives ''.
 */
export const formatDate = (t: PanelTranslate, at: string | number | Date, style: DateStyle = 'date'): string => {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const month = date.getMonth();
  const hour = date.getHours();
  const fields = {
    year: date.getFullYear(),
    month: month + 1,
    monthName: pick(t('months'), month),
    monthShort: pick(t('monthsShort'), month),
    day: date.getDate(),
    weekday: pick(t('weekdays'), date.getDay()),
    hour12: hour % 12 || 12,
    hour24: pad(hour),
    minute: pad(date.getMinutes()),
    period: pick(t('periods'), hour < 12 ? 0 : 1),
  };
  if (style === 'inYear') return t('dateInYear', fields);
  const time = t('time', fields);
  if (style === 'time') return time;
  const day = t('dateFull', fields);
  return style === 'date' ? day : t('dateTime', { date: day, time });
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

/** Builds the money formatter that the first screen uses, so that opening the panel finds it ready. */
export const warmFormats = (locale: Locale): void => void formatMoney(locale, 0);
