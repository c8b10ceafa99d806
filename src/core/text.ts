/**
 * Text helpers shared by search, intent and signal logic. Pure, no DOM.
 */

/**
 * Folds text into the form every comparison uses: NFKC (full-width letters,
 * digits and punctuation become half-width), lowercase, whitespace collapsed
 * to single spaces, trimmed.
 */
export const normalize = (text: string): string =>
  (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

// Han and kana have no spaces between words, so they are cut into character
// bigrams instead of words. The Latin branch excludes them so that "abc快递"
// yields "abc" and "快递" rather than one token.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKEN = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const CJK_RUN = new RegExp(`^[${CJK}]`, 'u');

/** A word or CJK run of normalized text, in order. */
export interface Segment {
  text: string;
  cjk: boolean;
}

/** Splits already normalized text into words and CJK runs; punctuation and emoji are dropped. */
export const segments = (normalized: string): Segment[] =>
  Array.from(normalized.matchAll(TOKEN), ([text]) => ({ text, cjk: CJK_RUN.test(text) }));

/** Character bigrams of a string, or the string itself when it is one character long. */
export const bigrams = (text: string): string[] => {
  const chars = Array.from(text);
  if (chars.length < 2) return chars;
  return chars.slice(1).map((char, i) => chars[i] + char);
};

/**
 * Search tokens of any text: Latin (and other spaced scripts') words, and
 * character bigrams of CJK runs, so that "快递到哪了" yields 快递, 递到, 到哪, 哪了.
 */
export const tokens = (text: string): string[] =>
  segments(normalize(text)).flatMap((s) => (s.cjk ? bigrams(s.text) : [s.text]));

/** Normalized text with spaces, punctuation and symbols (emoji included) removed. */
export const compact = (text: string): string => normalize(text).replace(/[\s\p{P}\p{S}]+/gu, '');

/**
 * Similarity of two texts from 0 to 1: the Dice coefficient over character
 * bigrams of their {@link compact} forms. Script-neutral, so it works for
 * "where is my parcel" as well as "我的快递到哪了".
 */
export const similarity = (a: string, b: string): number => {
  const x = compact(a);
  const y = compact(b);
  if (x === y) return x ? 1 : 0;
  const left = bigrams(x);
  const right = bigrams(y);
  const counts = new Map<string, number>();
  for (const gram of left) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of right) {
    const n = counts.get(gram) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(gram, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
};

/**
 * Groups of interchangeable support words in zh-CN, zh-TW and en. Customers
 * say "快递" where the knowledge base says "物流", or "money back" where it says
 * "refund". Entries are normalized (lowercase, half-width).
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  [
    '快递',
    '物流',
    '包裹',
    '配送',
    '发货',
    '快遞',
    '發貨',
    'delivery',
    'shipping',
    'package',
    'parcel',
    'courier',
    'tracking',
  ],
  ['退款', '退钱', '退货', '退貨', 'refund', 'return', 'money back'],
  ['发票', '开票', '發票', '開票', 'invoice', 'receipt', 'fapiao'],
  ['地址', '收货地址', '收貨地址', 'address'],
  ['取消', '撤销', '撤銷', 'cancel'],
  ['支付', '付款', '付钱', '付錢', 'payment', 'pay'],
  ['账号', '账户', '登录', '密码', '帳號', '帳戶', '登錄', '密碼', 'account', 'login', 'password'],
  ['优惠券', '红包', '優惠券', '紅包', 'coupon', 'voucher'],
  ['换货', '換貨', 'exchange'],
  ['投诉', '投訴', 'complaint'],
];

/** One place where a query mentions a synonym group. */
export interface SynonymMatch {
  /** The group member found in the query. */
  term: string;
  /** The other members of its group. */
  alternatives: string[];
}

/**
 * Finds the synonym-group members a query mentions. CJK members match as
 * substrings; Latin members match whole words (a half-typed "ref" does not
 * count as "refund").
 */
export const findSynonyms = (query: string, table: readonly (readonly string[])[] = SYNONYMS): SynonymMatch[] => {
  const q = normalize(query);
  const words = ` ${segments(q)
    .filter((s) => !s.cjk)
    .map((s) => s.text)
    .join(' ')} `;
  const found: SynonymMatch[] = [];
  for (const group of table) {
    const members = [...new Set(group.map(normalize))].filter(Boolean);
    const term = members.find((m) => (CJK_RUN.test(m) ? q.includes(m) : words.includes(` ${m} `)));
    if (term) found.push({ term, alternatives: members.filter((m) => m !== term && !q.includes(m)) });
  }
  return found;
};

/**
 * The words a query could also have meant: every other member of each synonym
 * group the query mentions, without the words already in the query.
 * `expandSynonyms('快递到哪了')` includes 物流, 包裹 and "delivery".
 */
export const expandSynonyms = (query: string, table: readonly (readonly string[])[] = SYNONYMS): string[] => [
  ...new Set(findSynonyms(query, table).flatMap((m) => m.alternatives)),
];
