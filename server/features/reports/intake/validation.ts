import type { FieldErrors } from '../../../platform/errors.js';
import type { Question } from '../core/categories.js';

/**
 * Field messages are i18n KEYS (reports-core.errors.*), never sentences: the citizen pages translate them with
 * ctx.t, the JSON API translates them into the request's language before answering (see routes.ts).
 */
export const errorKey = (name: string) => `reports-core.errors.${name}`;

export const limits = {
  description: 4000,
  name: 200,
  email: 254,
  phone: 40,
  landmark: 300,
  answerString: 200,
  answerText: 2000,
} as const;

// C0 and C1 control characters (CR is folded into newlines and tabs into spaces first; newlines stay). Format
// characters such as right-to-left marks are not controls: they belong to the text.
const controls = /\p{Cc}/gu;

/**
 * A text as the reporter wrote it, with control characters removed, CRLF as LF, tabs as spaces, trimmed. HTML is
 * never interpreted: "<script>" stays literally, and every view escapes it.
 */
export function cleanText(input: string | undefined): string {
  return (input ?? '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controls, (c) => (c === '\n' ? c : ''))
    .trim();
}

/** A single-line text: like cleanText, newlines become spaces. */
export function cleanLine(input: string | undefined): string {
  return cleanText(input).replace(/\s*\n\s*/g, ' ');
}

/** Length in characters as PostgreSQL counts them (code points, so an emoji is one). */
export const charLength = (s: string) => [...s].length;

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/u;

export function isEmail(s: string): boolean {
  return s.length <= limits.email && emailPattern.test(s);
}

/** Digits with the usual separators, optionally + in front; 5 to 20 digits. */
export function isPhone(s: string): boolean {
  if (s.length > limits.phone || !/^\+?[\d\s()/.-]+$/.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20;
}

export type Answers = Record<string, string | number | string[]>;

/**
 * Checks answers against the category's questions and returns them cleaned (numbers as numbers, lists as arrays
 * of known keys, empty answers left out). Unknown codes are dropped. Errors go to `answers.<code>`.
 */
export function checkAnswers(
  questions: Question[],
  raw: Record<string, string | string[]>,
  errors: FieldErrors,
): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const field = `answers.${q.code}`;
    const given = raw[q.code];
    const values = (Array.isArray(given) ? given : given === undefined ? [] : [given])
      .map((v) => cleanText(String(v)))
      .filter((v) => v !== '');
    if (values.length === 0) {
      if (q.required) errors[field] = errorKey('answer_required');
      continue;
    }
    const keys = new Set((q.values ?? []).map((v) => v.key));
    switch (q.datatype) {
      case 'singlevaluelist':
        if (values.length !== 1 || !keys.has(values[0] as string)) errors[field] = errorKey('answer_not_in_list');
        else out[q.code] = values[0] as string;
        break;
      case 'multivaluelist': {
        const unique = [...new Set(values)];
        if (unique.some((v) => !keys.has(v))) errors[field] = errorKey('answer_not_in_list');
        else out[q.code] = unique;
        break;
      }
      case 'number': {
        const n = Number((values[0] as string).replace(',', '.'));
        if (values.length !== 1 || !Number.isFinite(n)) errors[field] = errorKey('answer_not_number');
        else out[q.code] = n;
        break;
      }
      case 'datetime': {
        const v = values[0] as string;
        if (
          values.length !== 1 ||
          !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?/.test(v) ||
          Number.isNaN(Date.parse(v))
        ) {
          errors[field] = errorKey('answer_not_datetime');
        } else out[q.code] = v;
        break;
      }
      default: {
        const v = values.join(' ');
        const max = q.datatype === 'text' ? limits.answerText : limits.answerString;
        if (charLength(v) > max) errors[field] = errorKey('answer_too_long');
        else out[q.code] = q.datatype === 'text' ? v : cleanLine(v);
      }
    }
  }
  return out;
}
