import { normalize, segments } from './text.js';

/** Something the customer may want, found in the composer by its keywords. */
export interface Intent {
  id: string;
  title: string;
  keywords: string[];
}

// Asking for a person wherever it appears in the message. 人工智能 ("AI") is removed first.
const HUMAN_ANYWHERE = [
  /人工|真人|投[诉訴]|[转轉找]客服|[联聯][系繫络絡]客服/,
  /\b(talk|speak|chat)(ing)? (to|with) (a |an |the |some )?(real |live )?(human|person|agent|someone|somebody|representative|operator|staff)\b/,
  /\b(real|live) (person|human|agent)\b/,
  /\bcomplain(t|ts)?\b/,
];
// Asking for a person only when the message is short: a long question that
// mentions "user agent" or "客服电话" in passing is a question, not a request.
const HUMAN_WHEN_SHORT = /客服|\b(human|agent|representative|operator|customer (service|support))\b/;
const SHORT_WORDS = 6;
const SHORT_CJK = 10;

/** How long normalized text is, in words and in CJK characters. */
const measure = (normalized: string): { words: number; cjk: number } => {
  let words = 0;
  let cjk = 0;
  for (const s of segments(normalized)) {
    if (s.cjk) cjk += s.text.length;
    else words++;
  }
  return { words, cjk };
};

/**
 * Whether a message asks for a person. Explicit requests (人工, 转人工, 真人,
 * 投诉, "talk to a person", "real person", "complaint") count anywhere in the
 * message. The bare words 客服, "human", "agent", "representative" and
 * "operator" count only in a short message (at most 6 words and 10 CJK
 * characters), which is then essentially a request for a person.
 */
export const wantsHuman = (text: string): boolean => {
  const t = normalize(text).replace(/人工智能/g, '');
  if (HUMAN_ANYWHERE.some((re) => re.test(t))) return true;
  const { words, cjk } = measure(t);
  return words <= SHORT_WORDS && cjk <= SHORT_CJK && HUMAN_WHEN_SHORT.test(t);
};

/** A scored candidate, as returned by search. */
export interface Candidate {
  id: string;
  title: string;
  /** Relevance from 0 to 1. */
  score: number;
}

export type Disambiguation =
  { kind: 'answer'; id: string } | { kind: 'choices'; choices: { id: string; title: string }[] } | { kind: 'none' };

export interface DisambiguateOptions {
  /** Candidates scoring below this are ignored. Default 0.3. */
  minScore?: number;
  /** How far below the best a candidate may score and still be "about equal" for a specific query. Default 0.1. */
  margin?: number;
  /** The same, for a vague query. Default 0.25. */
  vagueMargin?: number;
  /** At most this many choices (2 to 5). Default 4. */
  maxChoices?: number;
}

/**
 * A query is vague when it is a single short word or a few CJK characters:
 * "快递", "发票", "refund", "delivery".
 */
export const isVague = (query: string): boolean => {
  const { words, cjk } = measure(normalize(query));
  return (words === 1 && cjk === 0) || (words === 0 && cjk > 0 && cjk <= 4);
};

/**
 * Decides between answering and asking. A clear winner, or a title that is
 * exactly the query, is answered. Candidates scoring about equally with the
 * best (within `vagueMargin` for a vague query, `margin` otherwise) become
 * 2 to 5 choices instead of a guess. Nothing above `minScore` gives `none`.
 */
export const disambiguate = (
  query: string,
  hits: readonly Candidate[],
  options: DisambiguateOptions = {},
): Disambiguation => {
  const { minScore = 0.3, margin = 0.1, vagueMargin = 0.25 } = options;
  const max = Math.min(5, Math.max(2, options.maxChoices ?? 4));
  const seen = new Set<string>();
  const ranked = hits
    .filter((h) => h.score >= minScore && !seen.has(h.id) && seen.add(h.id))
    .sort((a, b) => b.score - a.score);
  const [best] = ranked;
  if (!best) return { kind: 'none' };
  if (normalize(best.title) === normalize(query)) return { kind: 'answer', id: best.id };
  const window = isVague(query) ? vagueMargin : margin;
  const close = ranked.filter((h) => best.score - h.score <= window);
  if (close.length < 2) return { kind: 'answer', id: best.id };
  return { kind: 'choices', choices: close.slice(0, max).map(({ id, title }) => ({ id, title })) };
};
