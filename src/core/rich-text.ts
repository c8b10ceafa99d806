/**
 * The safe formatting subset of remote text (bot answers, agent messages, article summaries):
 * paragraphs and line breaks, `**bold**`, `- ` and `1. ` lists, and links, either bare URLs or
 * `[label](url)`. Pure: it produces tokens and never markup, so a renderer maps them to elements
 * and everything else stays text.
 */

/** A run of text, a link or a line break inside a block. */
export type Inline =
  | { kind: 'text'; text: string; bold?: boolean }
  | { kind: 'link'; text: string; href: string; bold?: boolean }
  | { kind: 'br' };

export type Block =
  | { kind: 'p'; content: Inline[] }
  | { kind: 'ul'; items: Inline[][] }
  | { kind: 'ol'; items: Inline[][]; start: number };

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:'];

/** The link target when `url` is an absolute http(s), mailto or tel URL; otherwise `undefined`. */
export const safeHref = (url: string): string | undefined => {
  try {
    const parsed = new URL(url.trim());
    return SAFE_PROTOCOLS.includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
};

// Bold, a labelled link, or a bare URL. A bare URL ends at whitespace, quotes, angle brackets and any
// non-ASCII character, so "详见https://a.cn/x。" links only the address.
const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]*)\)|(https?:\/\/[^\s<>"'`\u007f-\uffff]+)/gi;
// Sentence punctuation right after a bare URL belongs to the sentence.
const TRAILING = /[.,;:!?)\]]+$/;

const inline = (text: string, bold = false): Inline[] => {
  const out: Inline[] = [];
  const mark = bold ? { bold } : {};
  const push = (piece: Inline) => {
    const last = out.at(-1);
    if (piece.kind === 'text' && last?.kind === 'text' && last.bold === piece.bold) last.text += piece.text;
    else if (piece.kind !== 'text' || piece.text) out.push(piece);
  };
  const plain = (t: string) => push({ kind: 'text', text: t, ...mark });
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, strong, label, target, bare] = match;
    plain(text.slice(at, match.index));
    at = match.index + whole.length;
    if (strong !== undefined) inline(strong, true).forEach(push);
    else if (label !== undefined) {
      const href = safeHref(target ?? '');
      // A link to an unsafe or relative target keeps only its label, as text.
      push(href ? { kind: 'link', text: label, href, ...mark } : { kind: 'text', text: label, ...mark });
    } else if (bare !== undefined) {
      const tail = TRAILING.exec(bare)?.[0] ?? '';
      const url = bare.slice(0, bare.length - tail.length);
      const href = safeHref(url);
      if (href) push({ kind: 'link', text: url, href, ...mark });
      else plain(url);
      plain(tail);
    }
  }
  plain(text.slice(at));
  return out;
};

/** Lines joined by line breaks. */
const lines = (list: string[]): Inline[] =>
  list.flatMap((line, i) => (i ? [{ kind: 'br' } as Inline, ...inline(line)] : inline(line)));

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;

/** Parses text in the safe subset into blocks. Anything it does not recognise is text. */
export const parseRichText = (text: string): Block[] => {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'p', content: lines(paragraph) });
    paragraph = [];
  };
  for (const line of String(text ?? '').split(/\r\n?|\n/)) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) flush();
    const last = blocks.at(-1);
    if (bullet) {
      if (last?.kind === 'ul') last.items.push(inline(bullet[1]!));
      else blocks.push({ kind: 'ul', items: [inline(bullet[1]!)] });
    } else if (numbered) {
      if (last?.kind === 'ol') last.items.push(inline(numbered[2]!));
      else blocks.push({ kind: 'ol', start: Number(numbered[1]), items: [inline(numbered[2]!)] });
    } else if (line.trim()) paragraph.push(line.trim());
    else flush();
  }
  flush();
  return blocks;
};
