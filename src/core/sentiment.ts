import { normalize } from './text.js';
import type { Sentiment } from './types.js';

/**
 * Reads the mood of a customer message. The built-in {@link detectSentiment}
 * is a small lexicon; a host with a better model passes its own detector in
 * the widget options, and it is used for every customer message.
 */
export type SentimentDetector = (text: string) => Sentiment;

// Kept small on purpose (bytes ship to every host page); zh-TW forms are listed where they differ.
const ANGRY =
  /垃圾|[骗騙]子|[骗騙]人|坑人|[气氣]死|太差|投[诉訴]你[们們]|什[么麼]破|破玩意|再不[处處]理|曝光|12315|差[评評]|\b(ridiculous|scam|terrible|worst|unacceptable|furious|useless|pathetic|fraud|rip-?off|fed up|sick of)\b/;
const ANXIOUS =
  /急|怎[么麼][办辦]|[还還][没沒]到|等了好[几幾]天|快[点點]|[赶趕][紧緊]|尽快|盡快|\b(urgent(ly)?|asap|worried|hurry|emergency|still (haven'?t|hasn'?t|not)|where is my|been waiting)\b/;
// "不急", "no rush", "not urgent" say the opposite of the word they contain.
const CALM = /不(用|太)?[着著]?急|no rush|not urgent/g;
// A run of three or more marks with at least two "!" ("!!!", "?!!") is shouting, not asking.
const MARKS = /[!?]{3,}/g;
const isExclaiming = (text: string): boolean => (text.match(MARKS) ?? []).some((run) => run.split('!').length > 2);

/** Whether the text is written in capitals: at least two words and eight letters, nearly all uppercase. */
const isShouting = (text: string): boolean => {
  const letters = text.match(/\p{L}/gu)?.filter((c) => c.toLowerCase() !== c.toUpperCase()) ?? [];
  const upper = letters.filter((c) => c === c.toUpperCase()).length;
  return letters.length >= 8 && upper / letters.length >= 0.9 && text.split(/\P{L}+/u).filter(Boolean).length >= 2;
};

/**
 * Lexicon-based sentiment for zh-CN, zh-TW and en. Anger (insults, threats
 * to complain publicly or to 12315, "!!!", ALL CAPS) wins over anxiety
 * (急, 怎么办, "urgent", "where is my").
 */
export const detectSentiment: SentimentDetector = (text) => {
  const raw = (text ?? '').normalize('NFKC');
  const t = normalize(raw).replace(CALM, '');
  if (ANGRY.test(t) || isExclaiming(raw) || isShouting(raw)) return 'angry';
  return ANXIOUS.test(t) ? 'anxious' : 'neutral';
};
