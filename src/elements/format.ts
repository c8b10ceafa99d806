import type { Locale } from '../core/types.js';

/** An amount in the order's currency, e.g. ¥199.00 or CN¥199.00, by locale. Bad input gives ''. */
export const formatMoney = (locale: Locale, amount?: number, currency = 'CNY'): string => {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    // An invalid currency code from the backend: show the number rather than nothing.
    return `${amount.toFixed(2)} ${currency}`;
  }
};

/** A date (and, when asked, time) in the customer's locale. An unparsable date gives ''. */
export const formatDate = (locale: Locale, iso: string | number, time = false): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(
    locale,
    time ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(date);
};
