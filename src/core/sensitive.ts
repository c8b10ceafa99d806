/** A kind of personal data the composer warns about before sending. */
export type SensitiveKind = 'card' | 'id' | 'phone';

/** Where a piece of sensitive data sits in a text: `[start, end)` in UTF-16 units. */
export interface SensitiveMatch {
  kind: SensitiveKind;
  start: number;
  end: number;
}

// Digit groups joined by single spaces or dashes, optionally "+" first and "X" last
// (the ID check digit). Every repetition consumes a digit, so matching is linear.
const RUN = /\+?\d(?:[ -]?\d)*[xX]?/g;
const GROUP = /\d+[xX]?/g;
// Longest number any kind can have, in digits.
const MAX_DIGITS = 19;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

/** GB 11643: 17 digits, a check digit (0-9 or X), and a plausible birth month and day. */
const isResidentId = (value: string): boolean => {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
};

/**
 * What a digit string is, if anything. Cards must start with 2 to 6 (the
 * networks' ranges), which keeps 18-digit order numbers that happen to pass
 * Luhn from being taken for cards.
 */
const classify = (value: string, plus: boolean): SensitiveKind | undefined => {
  if (plus) return /^\d{8,15}$/.test(value) ? 'phone' : undefined;
  if (value.length === 18 && isResidentId(value)) return 'id';
  if (/^[2-6]\d{12,18}$/.test(value) && luhn(value)) return 'card';
  if (/^1[3-9]\d{9}$/.test(value)) return 'phone';
  return undefined;
};

/**
 * Finds bank card numbers (13 to 19 digits passing Luhn), Chinese resident
 * ID numbers (checked per GB 11643) and phone numbers (mainland mobiles and
 * "+" international numbers), allowing spaces or dashes between digit groups.
 * Within a long run of numbers, the longest valid stretch of whole groups
 * wins. Linear in the length of the text.
 */
export const findSensitive = (text: string): SensitiveMatch[] => {
  const found: SensitiveMatch[] = [];
  for (const run of (text ?? '').matchAll(RUN)) {
    const plus = run[0].startsWith('+');
    const groups = Array.from(run[0].matchAll(GROUP), (g) => ({
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
      digits: g[0].toUpperCase(),
    }));
    let first = 0;
    while (first < groups.length) {
      let value = '';
      let last = first;
      while (last < groups.length && value.length + (groups[last]?.digits.length ?? 0) <= MAX_DIGITS) {
        value += groups[last++]?.digits;
      }
      // Shrink from the right until the stretch is something; then continue after it.
      let kind: SensitiveKind | undefined;
      while (last > first && !(kind = classify(value, plus && first === 0))) {
        value = value.slice(0, -(groups[--last]?.digits.length ?? 0));
      }
      const start = groups[first];
      const end = groups[last - 1];
      if (kind && start && end) {
        found.push({ kind, start: plus && first === 0 ? run.index : start.start, end: end.end });
        first = last;
      } else first++;
    }
  }
  return found;
};

/**
 * Replaces every digit of each sensitive number with `*` except the last
 * four characters, keeping spaces and dashes: "6222 0202 0000 1234" becomes
 * "**** **** **** 1234".
 */
export const maskSensitive = (text: string): string => {
  let out = '';
  let at = 0;
  for (const { start, end } of findSensitive(text)) {
    const value = text.slice(start, end);
    let keep = 4;
    let masked = '';
    for (let i = value.length - 1; i >= 0; i--) {
      const c = value[i] ?? '';
      const digit = /[\dxX]/.test(c);
      masked = (digit && keep-- <= 0 ? '*' : c) + masked;
    }
    out += text.slice(at, start) + masked;
    at = end;
  }
  return out + text.slice(at);
};
