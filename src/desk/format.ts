import type { DeskTranslate } from './i18n.js';
import type { Late } from './types.js';

/** How long someone has waited, in minutes (or seconds under a minute). An unparsable time gives ''. */
export const waited = (t: DeskTranslate, since: string | undefined, now: number): string => {
  const start = since ? Date.parse(since) : NaN;
  if (Number.isNaN(start)) return '';
  const seconds = Math.max(0, Math.round((now - start) / 1000));
  return seconds < 60 ? t('seconds', { count: seconds }) : t('minutes', { count: Math.floor(seconds / 60) });
};

/** Only URLs a browser can follow safely: http(s), blob, or a same-origin path. */
export const safeUrl = (url: string | undefined): string | undefined =>
  url && /^(https?:\/\/|blob:|\/(?!\/))/i.test(url.trim()) ? url : undefined;

/** A customer's name, or what kind of customer they are with the end of their id. */
export const customerName = (t: DeskTranslate, customer: { id: string; name?: string }): string =>
  customer.name?.trim() || `${t('visitor')} ${customer.id.slice(-6)}`;

const LATE_KEYS = {
  'queue-wait': 'late_queue_wait',
  'angry-waiting': 'late_angry_waiting',
  'no-reply': 'late_no_reply',
  'ticket-unsolved': 'late_ticket_unsolved',
} as const;

/** Why an item is late, in words (empty when it is not), e.g. "waiting too long, angry and waiting". */
export const lateReasons = (t: DeskTranslate, late: Late[] | undefined): string =>
  [...new Set((late ?? []).map((l) => l.kind))]
    .flatMap((kind) => (kind in LATE_KEYS ? [t(LATE_KEYS[kind as keyof typeof LATE_KEYS])] : []))
    .join(t('lateSeparator'));

/** A reason code in words when the workbench knows it, else as the server sent it. */
export const reasonText = (t: DeskTranslate, reason: string): string =>
  reason === 'customer asked' ? t('reason_customer_asked') : reason;
