import Fuse from 'fuse.js/basic';
import { mergeRanges, type Range } from './highlight.js';
import { bigrams, findSynonyms, normalize, segments, SYNONYMS } from './text.js';

/** What the index needs of an item. Articles, intents and actions all fit. */
export interface Searchable {
  id: string;
  title: string;
  summary?: string;
  keywords?: string[];
  tags?: string[];
}

export interface SearchHit<T> {
  item: T;
  /** Relevance from 0 to 1; 1 is best. */
  score: number;
  /** Matched ranges in `item.title`, merged and sorted, for highlighting. */
  ranges: Range[];
}

export interface SearchIndex<T> {
  /** Number of distinct items indexed. */
  readonly size: number;
  /** Best matches first; ties keep input order. A blank query finds nothing. */
  search(query: string, limit?: number): SearchHit<T>[];
}

export interface SearchOptions {
  /** Synonym groups; {@link SYNONYMS} by default. */
  synonyms?: readonly (readonly string[])[];
  /** Default number of hits per search. */
  limit?: number;
}

// Titles count most, keywords and tags nearly as much, summaries less.
const FIELD_WEIGHT = [1, 0.9, 0.6] as const;
// A word mentioned through a synonym is a slightly weaker match than the word itself.
const SYNONYM_FACTOR = 0.8;
// A synonym counts only when most of it is there (a summary-only match is 0.6).
const MIN_SYNONYM_SHARE = 0.5;
// The cheap pass narrows to this many candidates before fuse scores them, so
// the cost of fuse does not grow with the size of the knowledge base.
const CANDIDATES = 100;
const FUZZY_TERMS = 4;
// Suggestions for a pasted essay are useless, and every extra character costs a posting walk.
const MAX_QUERY = 120;
// Bitap's limit in fuse.
const MAX_PATTERN = 32;
const FUZZY_WEIGHT = 0.25;
// Fuzzy results kept for the next keystrokes; past this many, the oldest half is dropped.
const FUZZY_CACHE = 4096;
const FUSE_OPTIONS = {
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: 0.4,
  minMatchCharLength: 2,
};

/**
 * Grams for the pre-filter. Latin words give a prefix gram and trigrams of
 * "^word", so a half-typed "ref" and a typo "refnd" still meet "refund". CJK
 * runs give characters and bigrams, since Chinese has no spaces.
 */
const grams = (normalized: string): string[] =>
  segments(normalized).flatMap(({ text, cjk }) => {
    if (cjk) return text.length > 1 ? [...Array.from(text), ...bigrams(text)] : [text];
    const word = `^${text}`;
    const out = [word.slice(0, 2)];
    for (let i = 0; i + 3 <= word.length; i++) out.push(word.slice(i, i + 3));
    return out;
  });

const occurrences = (haystack: string, needle: string): Range[] => {
  const found: Range[] = [];
  for (let at = needle ? haystack.indexOf(needle) : -1; at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    found.push([at, at + needle.length]);
  }
  return found;
};

/**
 * The postings, item by item, then the index over them: shared by the one-go build and the sliced one,
 * so that both give the same index.
 */
const indexBuilder = <T extends Searchable>(options: SearchOptions) => {
  const docs: T[] = [];
  // Titles folded for matching but only where folding keeps offsets, since ranges point into the original title.
  const folded: string[] = [];
  const postings = new Map<string, number[]>();
  const ids = new Set<string>();

  const add = (item: T): void => {
    if (!item || ids.has(item.id)) return;
    ids.add(item.id);
    const doc = docs.push(item) - 1;
    const title = String(item.title ?? '');
    const fold = title.normalize('NFKC').toLowerCase();
    folded.push(fold.length === title.length ? fold : title);
    const fields = [title, [...(item.keywords ?? []), ...(item.tags ?? [])].join(' '), String(item.summary ?? '')];
    const best = new Map<string, number>();
    fields.forEach((text, field) => {
      for (const gram of grams(normalize(text))) if (!best.has(gram)) best.set(gram, field);
    });
    for (const [gram, field] of best) {
      const list = postings.get(gram);
      if (list) list.push(doc * 4 + field);
      else postings.set(gram, [doc * 4 + field]);
    }
  };

  return { add, finish: (): SearchIndex<T> => searchOver(docs, folded, postings, options) };
};

/**
 * Builds a search index over articles, intents or actions.
 *
 * Two passes: an inverted index of grams (with synonyms) picks and scores up
 * to a hundred candidates in time proportional to the matching postings, then
 * fuse.js scores those for typos and finds the title ranges to highlight.
 * Items with a duplicate `id` are indexed once (the first wins); a missing
 * title is treated as empty.
 */
export function createSearchIndex<T extends Searchable>(
  items: readonly T[],
  options: SearchOptions = {},
): SearchIndex<T> {
  const builder = indexBuilder<T>(options);
  for (const item of items) builder.add(item);
  return builder.finish();
}

/** Lets the page run (input, rendering) before going on: `scheduler.yield()` where there is one. */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * The same index as {@link createSearchIndex}, built in slices of about `sliceMs` (default 8) that yield to
 * the page between them, so that indexing a large knowledge base is never a long task. Rejects with the
 * signal's reason when aborted.
 */
export async function buildSearchIndex<T extends Searchable>(
  items: readonly T[],
  options: SearchOptions & { sliceMs?: number; signal?: AbortSignal } = {},
): Promise<SearchIndex<T>> {
  const builder = indexBuilder<T>(options);
  const slice = options.sliceMs ?? 8;
  let deadline = performance.now() + slice;
  for (let i = 0; i < items.length; i++) {
    builder.add(items[i]!);
    // Reading the clock costs too: every 16 items is often enough at well under a millisecond for 16.
    if ((i & 15) === 15 && performance.now() > deadline) {
      await yieldToPage();
      options.signal?.throwIfAborted();
      deadline = performance.now() + slice;
    }
  }
  return builder.finish();
}

/** Searches over built postings. */
function searchOver<T extends Searchable>(
  docs: T[],
  folded: string[],
  postings: Map<string, number[]>,
  options: SearchOptions,
): SearchIndex<T> {
  const synonyms = options.synonyms ?? SYNONYMS;
  const n = docs.length;
  /**
   * Fuse's verdict on one title for one query word: [score, ranges], or null for no match. With location and
   * field norm ignored it depends on that title and word alone, so it can be kept: while a customer types
   * "where is my pa…", only the word being typed is new at each keystroke, and fuse runs for it alone.
   */
  const fuzzyCache = new Map<string, readonly [number, Range[]] | null>();
  // Scratch accumulators reused by every search: typed arrays beat maps by an order of magnitude here.
  const total = new Float64Array(n);
  const unit = new Float64Array(n);
  const part = new Float64Array(n);

  /**
   * Adds each doc's field-weighted idf for the grams into `into` and returns
   * the grams' idf sum. Grams found nowhere count only when `whole` is set:
   * a query may contain noise, but a synonym must be present in full.
   */
  const accumulate = (gs: readonly string[], into: Float64Array, touched: number[], whole = false): number => {
    let weight = 0;
    for (const gram of new Set(gs)) {
      const list = postings.get(gram);
      if (!list) {
        if (whole) weight += Math.log(1 + n);
        continue;
      }
      const idf = Math.log(1 + n / list.length);
      weight += idf;
      for (const code of list) {
        const doc = code >> 2;
        if (!into[doc]) touched.push(doc);
        into[doc] = (into[doc] ?? 0) + idf * (FIELD_WEIGHT[(code & 3) as 0 | 1 | 2] ?? 0);
      }
    }
    return weight;
  };

  /** The best `CANDIDATES` docs by score, ties in input order. */
  const top = (scores: Float64Array, touched: readonly number[]): number[] => {
    const best: number[] = [];
    const before = (a: number, b: number) => (scores[a] ?? 0) > (scores[b] ?? 0) || (scores[a] === scores[b] && a < b);
    for (const doc of touched) {
      const last = best[best.length - 1];
      if (best.length === CANDIDATES && last !== undefined && !before(doc, last)) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(best[mid] ?? 0, doc)) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, doc);
      if (best.length > CANDIDATES) best.pop();
    }
    return best;
  };

  const search = (query: string, limit = options.limit ?? 8): SearchHit<T>[] => {
    const q = normalize(String(query ?? '')).slice(0, MAX_QUERY);
    if (!q || limit <= 0 || !n) return [];

    // Each synonym mention is one unit scored by its best alternative; the rest of the query is another.
    const mentions = findSynonyms(q, synonyms);
    const terms = new Set(mentions.map((m) => m.term));
    const rest = segments(q)
      .filter((s) => !terms.has(s.text))
      .map((s) => (s.cjk ? mentions.reduce((text, m) => text.split(m.term).join(' '), s.text) : s.text))
      .join(' ');
    const touched: number[] = [];
    let weight = accumulate(grams(rest), total, touched);
    for (const mention of mentions) {
      let unitWeight = 0;
      const inUnit: number[] = [];
      [mention.term, ...mention.alternatives].forEach((word, i) => {
        const inPart: number[] = [];
        // A whole CJK word is matched by its bigrams; its single characters would only add noise.
        const wordGrams = word.length > 1 && segments(word)[0]?.cjk ? bigrams(word) : grams(word);
        const w = accumulate(wordGrams, part, inPart, true);
        unitWeight = Math.max(unitWeight, w);
        for (const doc of inPart) {
          const share = (part[doc] ?? 0) / w;
          part[doc] = 0;
          // "reset" shares two grams with "receipt" but does not say it.
          if (share < MIN_SYNONYM_SHARE) continue;
          if (!unit[doc]) inUnit.push(doc);
          unit[doc] = Math.max(unit[doc] ?? 0, i ? share * SYNONYM_FACTOR : share);
        }
      });
      for (const doc of inUnit) {
        if (!total[doc]) touched.push(doc);
        total[doc] = (total[doc] ?? 0) + (unit[doc] ?? 0) * unitWeight;
        unit[doc] = 0;
      }
      weight += unitWeight;
    }
    const candidates = top(total, touched);
    const prefilter = candidates.map((doc) => (total[doc] ?? 0) / weight);
    for (const doc of touched) total[doc] = 0;
    if (!candidates.length) return [];

    // Fuse scores the query's own words against candidate titles: typos and partial words.
    const patterns = segments(q)
      .map((s) => s.text.slice(0, MAX_PATTERN))
      .slice(0, FUZZY_TERMS);
    const patternLength = patterns.reduce((sum, p) => sum + p.length, 0);
    const fuzzy = new Map<number, number>();
    const ranges = new Map<number, Range[]>();
    if (fuzzyCache.size > FUZZY_CACHE)
      [...fuzzyCache.keys()].slice(0, FUZZY_CACHE / 2).forEach((k) => fuzzyCache.delete(k));
    for (const pattern of patterns) {
      const key = (doc: number) => `${doc}\u0000${pattern}`;
      const unknown = candidates.filter((doc) => !fuzzyCache.has(key(doc)));
      if (unknown.length) {
        for (const doc of unknown) fuzzyCache.set(key(doc), null);
        const titles = unknown.map((doc) => folded[doc] ?? '');
        for (const { refIndex, score, matches } of new Fuse(titles, FUSE_OPTIONS).search(pattern)) {
          const found = (matches?.[0]?.indices ?? []).map(([s, e]): Range => [s, e + 1]);
          fuzzyCache.set(key(unknown[refIndex]!), [1 - (score ?? 1), found]);
        }
      }
      candidates.forEach((doc, at) => {
        const hit = fuzzyCache.get(key(doc));
        if (!hit) return;
        fuzzy.set(at, (fuzzy.get(at) ?? 0) + (pattern.length * hit[0]) / patternLength);
        ranges.set(at, [...(ranges.get(at) ?? []), ...hit[1]]);
      });
    }

    const exact = [
      ...mentions.flatMap((m) => [m.term, ...m.alternatives]),
      ...segments(q).flatMap((s) => (s.cjk ? bigrams(s.text) : [])),
    ];
    return candidates
      .map((doc, at) => ({
        doc,
        at,
        score: (1 - FUZZY_WEIGHT) * (prefilter[at] ?? 0) + FUZZY_WEIGHT * (fuzzy.get(at) ?? 0),
      }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, limit)
      .map(({ doc, at, score }) => {
        const title = folded[doc] ?? '';
        const found = [...(ranges.get(at) ?? []), ...exact.flatMap((word) => occurrences(title, word))];
        return { item: docs[doc] as T, score: Math.min(1, score), ranges: mergeRanges(found, title.length) };
      });
  };

  return { size: n, search };
}
