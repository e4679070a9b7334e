import { describe, expect, it } from 'vitest';
import { checkStep, isVisible, resolveDateBound } from './answers.js';
import { checkDefinition, type FormDefinition } from './definition.js';

// The definition format's own rules and the pure form rules, without a database.

const base = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: 'form',
  slug: 'probe',
  title: { de: 'Probe' },
  summary: { de: 'Probe' },
  leistungsschluessel: '99000000000000',
  office: 'bsc',
  trustLevel: 'none',
  delivery: { kind: 'inbox' },
  steps: [{ key: 'one', title: { de: 'Eins' }, fields }],
  ...extra,
});
const choice = {
  key: 'kind',
  type: 'radio',
  label: { de: 'Art' },
  options: [
    { value: 'a', label: { de: 'A' } },
    { value: 'b', label: { de: 'B' } },
  ],
};

describe('checkDefinition', () => {
  it('accepts a sound form and a FIT-Connect destination', () => {
    expect(
      checkDefinition(
        base([choice], { delivery: { kind: 'fit-connect', destinationId: '5f0a5b8e-3c1d-4a2b-9e7f-0123456789ab' } }),
      ),
    ).toEqual([]);
  });

  it('names the problems a schema cannot see', () => {
    const problems = checkDefinition(
      base([
        { ...choice, options: [...choice.options, { value: 'a', label: { de: 'A2' } }], prefill: 'givenName' },
        { key: 'when', type: 'date', label: { de: 'Wann' }, min: 3 },
        { key: 'size', type: 'text', label: { de: 'Größe' }, max: 5 },
        { key: 'later', type: 'text', label: { de: 'Später' }, showIf: { field: 'kind', equals: 'c' } },
        { key: 'early', type: 'text', label: { de: 'Früh' }, showIf: { field: 'nope', equals: 'a' } },
      ]),
    );
    expect(problems).toEqual([
      'field kind: an option value is used twice',
      'field kind: only text, e-mail and date fields are pre-filled',
      "field when: a date's min and max are dates",
      'field size: min and max are for numbers and dates',
      'field later: its condition names a value kind does not offer',
      'field early: its condition names nope, which is not an earlier field',
    ]);
  });

  it('keeps the platform’s own paths and says which field of a kind is wrong', () => {
    expect(checkDefinition(base([choice], { slug: 'postfach' }))).toEqual(['/slug: postfach is reserved']);
    expect(checkDefinition({ kind: 'form' })[0]).toMatch(/^\/slug: /);
    expect(checkDefinition({ kind: 'nope' })).toEqual(['/kind: must be "form" or "link"']);
  });
});

describe('form rules', () => {
  const form = base([
    choice,
    { key: 'why', type: 'text', label: { de: 'Warum' }, required: true, showIf: { field: 'kind', equals: 'b' } },
    { key: 'detail', type: 'text', label: { de: 'Genauer' }, required: true, showIf: { field: 'why', equals: 'x' } },
  ]) as unknown as FormDefinition;
  const [kind, why, detail] = form.steps[0]!.fields;

  it('shows a field only while its condition and the condition of the field it depends on hold', () => {
    expect(isVisible(form, why!, { kind: 'a' })).toBe(false);
    expect(isVisible(form, why!, { kind: 'b' })).toBe(true);
    expect(isVisible(form, kind!, {})).toBe(true);
    // detail depends on why, which is hidden for kind a: hidden too, whatever why says.
    expect(isVisible(form, detail!, { kind: 'a', why: 'x' })).toBe(false);
  });

  it('asks only for shown required fields and refuses values a choice does not offer', () => {
    const ctx = { today: '2026-12-03', files: {}, previous: {} };
    expect(checkStep(form, form.steps[0]!, { kind: 'a' }, ctx).errors).toEqual({});
    expect(checkStep(form, form.steps[0]!, { kind: 'b' }, ctx).errors).toEqual({ why: 'applications.errors.required' });
    expect(checkStep(form, form.steps[0]!, { kind: 'c' }, ctx).errors).toEqual({ kind: 'applications.errors.choice' });
  });

  it('counts date bounds from the local day', () => {
    expect(resolveDateBound('today', '2026-12-31')).toBe('2026-12-31');
    expect(resolveDateBound('+7d', '2026-12-28')).toBe('2027-01-04');
    expect(resolveDateBound('-16y', '2026-12-03')).toBe('2010-12-03');
    expect(resolveDateBound('2027-05-01', '2026-12-03')).toBe('2027-05-01');
  });
});
