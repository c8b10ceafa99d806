import { normalize, similarity } from './text.js';

/** The implicit satisfaction signals, emitted as `signal` events and sent to the adapter's `track`. */
export type SignalType = 'bot-to-human' | 'recontact' | 'unrated' | 'queue-abandoned' | 'repeat-question';

/** One past contact, kept locally to spot recontacts. */
export interface ContactRecord {
  /** Epoch milliseconds. */
  at: number;
  orderId?: string;
  topic?: string;
}

const DAY = 24 * 3600e3;
// Near-equal: "where is my parcel?" and "where's my parcel" are the same question.
const REPEAT_SIMILARITY = 0.8;

/**
 * Whether a contact comes back within `windowMs` (24 h by default) of an
 * earlier one about the same order or the same topic (compared normalized).
 */
export const isRecontact = (history: readonly ContactRecord[], contact: ContactRecord, windowMs = DAY): boolean => {
  const topic = normalize(contact.topic ?? '');
  return history.some(
    (past) =>
      past !== contact &&
      past.at <= contact.at &&
      contact.at - past.at <= windowMs &&
      ((!!contact.orderId && past.orderId === contact.orderId) || (!!topic && normalize(past.topic ?? '') === topic)),
  );
};

/** Whether a question was already asked among `recent`, exactly or nearly (same words, other punctuation or a typo). */
export const isRepeatQuestion = (recent: readonly string[], question: string): boolean =>
  !!normalize(question) && recent.some((past) => similarity(past, question) >= REPEAT_SIMILARITY);
