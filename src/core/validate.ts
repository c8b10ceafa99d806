import type { ActionField, FieldType } from './types.js';

/** A form field: an action field, or `contact` (a phone number or an email address, as the ticket form asks). */
export type FormField = Omit<ActionField, 'type'> & { type: FieldType | 'contact' };

/** Why a value is not accepted: a UI string key and its parameters, translated by the element. */
export interface Problem {
  key:
    'required' | 'fieldTooLong' | 'invalidEmail' | 'invalidPhone' | 'invalidDate' | 'tooMany' | 'fileType' | 'fileSize';
  params?: Record<string, string | number>;
}

/** A field's value: text for text kinds, the uploaded files for `images`. */
export type FieldValue = string | readonly unknown[] | undefined;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
/** A mainland China mobile number, with or without the +86 / 0086 prefix. */
const CN_MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
/** An international number in E.164 form. */
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isEmail = (value: string): boolean => EMAIL.test(value.trim());

/** A CN mobile number or a `+`-prefixed international one; spaces, dashes, dots and brackets are ignored. */
export const isPhone = (value: string): boolean => {
  const digits = value.replace(/[\s\-().]/g, '');
  return CN_MOBILE.test(digits) || INTERNATIONAL.test(digits);
};

/** A real calendar day as `YYYY-MM-DD` (what `<input type="date">` gives). */
export const isDate = (value: string): boolean => {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const isEmpty = (value: FieldValue): boolean =>
  value == null || (typeof value === 'string' ? !value.trim() : !value.length);

/** The first problem with a field's value, or `undefined` when it is accepted. */
export const validateField = (field: FormField, value: FieldValue): Problem | undefined => {
  const { label, max } = field;
  if (isEmpty(value)) return field.required ? { key: 'required', params: { label } } : undefined;
  if (Array.isArray(value))
    return max !== undefined && value.length > max ? { key: 'tooMany', params: { max } } : undefined;
  const text = String(value).trim();
  if (max !== undefined && field.type !== 'images' && [...text].length > max)
    return { key: 'fieldTooLong', params: { label, max } };
  switch (field.type) {
    case 'email':
      return isEmail(text) ? undefined : { key: 'invalidEmail' };
    case 'phone':
      return isPhone(text) ? undefined : { key: 'invalidPhone' };
    case 'contact':
      // Whoever typed an @ meant an email address; anything else is read as a phone number.
      if (text.includes('@')) return isEmail(text) ? undefined : { key: 'invalidEmail' };
      return isPhone(text) ? undefined : { key: 'invalidPhone' };
    case 'date':
      return isDate(text) ? undefined : { key: 'invalidDate' };
    default:
      return undefined;
  }
};

/** Problems by field name, for every field whose value is not accepted. */
export const validateFields = (
  fields: readonly FormField[],
  values: Readonly<Record<string, FieldValue>>,
): Record<string, Problem> => {
  const problems: Record<string, Problem> = {};
  for (const field of fields) {
    const problem = validateField(field, values[field.name]);
    if (problem) problems[field.name] = problem;
  }
  return problems;
};

/** What the checks of a file before upload need to know: the accepted types and the size limit. */
export interface FilePolicy {
  types: RegExp;
  maxBytes: number;
}

/** Largest attachment accepted for upload: the widget, the desk and the reference server's default. */
export const ATTACHMENT_MAX_BYTES = 10 * 2 ** 20;
/** Accepted attachment types (the reference server sniffs the same ones). SVG is left out: it can carry script. */
export const ATTACHMENT_TYPES = /^(image\/(png|jpeg|gif|webp|heic)|application\/pdf|text\/plain)$/;
/** The file dialog's `accept` for {@link ATTACHMENT_TYPES}. */
export const ATTACHMENT_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/heic,application/pdf,text/plain';
/** Any attachment: the accepted types up to the size limit. */
export const ATTACHMENTS: FilePolicy = { types: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES };

/** Whether a file may be uploaded: a wrong type or too large a file never starts an upload. */
export const checkFile = (file: Pick<File, 'name' | 'size' | 'type'>, policy: FilePolicy): Problem | undefined => {
  const { name } = file;
  if (!policy.types.test(file.type)) return { key: 'fileType', params: { name } };
  if (file.size > policy.maxBytes)
    return { key: 'fileSize', params: { name, max: Math.floor(policy.maxBytes / 2 ** 20) } };
  return undefined;
};
