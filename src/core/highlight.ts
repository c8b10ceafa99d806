/**
 * Matched ranges and their rendering: small, and needed by the composer before the knowledge search
 * (./search.ts, with fuse.js) has loaded, for the recent questions it shows in an empty field.
 */

/** A half-open character range `[start, end)` in a string. */
export type Range = [start: number, end: number];

/** Sorts and merges overlapping or touching ranges, dropping empty ones. */
export const mergeRanges = (ranges: readonly Range[], length: number): Range[] => {
  const sorted = ranges
    .map(([s, e]): Range => [Math.max(0, s), Math.min(length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
};

/**
 * Splits text into plain and matched segments for rendering as text nodes
 * (never as HTML). Ranges may overlap, be unsorted or out of bounds.
 */
export const highlight = (text: string, ranges: readonly Range[]): { text: string; match: boolean }[] => {
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of mergeRanges(ranges, text.length)) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
};
