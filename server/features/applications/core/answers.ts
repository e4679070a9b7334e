import type { FieldErrors } from '../../../platform/errors.js';
import { allFields, type FormDefinition, type FormField, type FormStep } from './definition.js';

// The form engine's rules, pure: which fields a citizen sees given the answers so far, and whether a step's answers
// are complete and well-formed. The same rules check every step, the summary and the final send.

/** A draft's answers: text per field, a list for multiple choices. Files are kept apart (their ids per field). */
export type Answers = Record<string, string | string[]>;

const err = (key: string) => `applications.errors.${key}`;

/** Whether a field is shown for these answers (its condition holds, and the field it depends on is shown too). */
export function isVisible(form: FormDefinition, field: FormField, answers: Answers): boolean {
  if (!field.showIf) return true;
  const target = allFields(form).find((f) => f.key === field.showIf?.field);
  if (!target || !isVisible(form, target, answers)) return false;
  const value = answers[target.key];
  const given = Array.isArray(value) ? value : [value ?? ''];
  const wanted = field.showIf.in ?? [field.showIf.equals ?? ''];
  return given.some((v) => wanted.includes(v));
}

/** The fields of a step that are shown for these answers. */
export function visibleFields(form: FormDefinition, step: FormStep, answers: Answers): FormField[] {
  return step.fields.filter((f) => isVisible(form, f, answers));
}

/** Only the answers of shown fields: what a changed choice hid is dropped, never sent. */
export function shownAnswers(form: FormDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const f of allFields(form)) {
    const v = answers[f.key];
    if (v !== undefined && f.type !== 'file' && isVisible(form, f, answers)) out[f.key] = v;
  }
  return out;
}

/** A date bound as an ISO date: "today", "+14d", "-18y" are counted from `today` (YYYY-MM-DD, local). */
export function resolveDateBound(bound: string, today: string): string {
  if (bound === 'today') return today;
  const m = /^([+-])([0-9]+)([dy])$/.exec(bound);
  if (!m) return bound;
  const d = new Date(`${today}T12:00:00Z`);
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  if (m[3] === 'd') d.setUTCDate(d.getUTCDate() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const telPattern = /^\+?[0-9 ()/-]{5,30}$/;

function checkText(f: FormField, v: string, today: string): string | undefined {
  if (v.length > (f.maxLength ?? (f.type === 'textarea' ? 2000 : 200))) return err('tooLong');
  if (f.type === 'email' && !emailPattern.test(v)) return err('email');
  if (f.type === 'tel' && !telPattern.test(v)) return err('tel');
  if (f.type === 'number') {
    const n = Number(v.replace(',', '.'));
    if (!/^-?[0-9]+([.,][0-9]+)?$/.test(v) || !Number.isFinite(n)) return err('number');
    if (typeof f.min === 'number' && n < f.min) return err('numberMin');
    if (typeof f.max === 'number' && n > f.max) return err('numberMax');
  }
  if (f.type === 'date') {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return err('date');
    if (new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) return err('date');
    if (typeof f.min === 'string' && v < resolveDateBound(f.min, today)) return err('dateMin');
    if (typeof f.max === 'string' && v > resolveDateBound(f.max, today)) return err('dateMax');
  }
  if (f.pattern && !new RegExp(f.pattern, 'u').test(v)) return `pattern:${f.key}`;
  if (f.options && !f.options.some((o) => o.value === v)) return err('choice');
  return undefined;
}

/**
 * Checks one step's submitted values (the shown fields only) and returns the cleaned answers and errors per field.
 * `files` counts the attachments each file field already holds. Messages are i18n keys, or `pattern:<field>` for a
 * field's own pattern message.
 */
export function checkStep(
  form: FormDefinition,
  step: FormStep,
  input: Answers,
  ctx: { today: string; files: Record<string, number>; previous: Answers },
): { answers: Answers; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Conditions may depend on fields of this very step, so visibility is judged on the merged answers.
  const merged: Answers = { ...ctx.previous, ...input };
  const answers: Answers = {};
  for (const f of step.fields) {
    if (!isVisible(form, f, merged)) continue;
    if (f.type === 'file') {
      if (f.required && !(ctx.files[f.key] ?? 0)) errors[f.key] = err('fileRequired');
      continue;
    }
    const raw = input[f.key];
    if (f.type === 'checkboxes') {
      const values = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((s) => s.trim()).filter(Boolean);
      if (values.some((v) => !f.options?.some((o) => o.value === v))) errors[f.key] = err('choice');
      else if (f.required && values.length === 0) errors[f.key] = err('required');
      answers[f.key] = [...new Set(values)];
      continue;
    }
    const v = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).replace(/\r\n/g, '\n').trim();
    if (f.type === 'checkbox') {
      if (v && v !== 'yes') errors[f.key] = err('choice');
      else if (f.required && !v) errors[f.key] = err('confirm');
      answers[f.key] = v;
      continue;
    }
    answers[f.key] = v;
    if (!v) {
      if (f.required) errors[f.key] = err('required');
      continue;
    }
    const problem = checkText(f, v, ctx.today);
    if (problem) errors[f.key] = problem;
  }
  return { answers, errors };
}

/** The first step whose answers are incomplete or wrong, or undefined when the whole form is ready to send. */
export function firstIncompleteStep(
  form: FormDefinition,
  answers: Answers,
  ctx: { today: string; files: Record<string, number> },
): number | undefined {
  for (const [i, step] of form.steps.entries()) {
    const { errors } = checkStep(form, step, answers, { ...ctx, previous: answers });
    if (Object.keys(errors).length > 0) return i;
  }
  return undefined;
}
