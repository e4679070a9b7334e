import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type CitizenAttribute, citizenAttributes } from '../../citizens/service.js';

// An online service as data: what a municipality writes (JSON) to offer a form, or to link to a service run elsewhere.
// The schema is the format's documentation (docs/online-services.md); `checkDefinition` adds the rules a schema
// cannot say (unique keys, conditions that point backwards, options of choices).

const localText = T.Object(
  { de: T.String({ minLength: 1, maxLength: 2000 }), en: T.Optional(T.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type LocalText = Static<typeof localText>;

/** The trust levels a service can require; `none` lets anyone apply without logging in. */
export const requiredLevels = ['none', 'basic', 'substantial', 'high'] as const;
export type RequiredLevel = (typeof requiredLevels)[number];

/** What the login may pre-fill: the citizen login's one list of attributes. */
export const prefillAttributes = citizenAttributes;
export type PrefillAttribute = CitizenAttribute;

/** The field types the form engine renders and checks. */
export const fieldTypes = [
  'text',
  'textarea',
  'email',
  'tel',
  'date',
  'number',
  'select',
  'radio',
  'checkbox',
  'checkboxes',
  'file',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Attachments the engine accepts; each is checked by its content, not its name. */
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

const key = T.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' });
const condition = T.Object(
  {
    field: key,
    equals: T.Optional(T.String({ maxLength: 200 })),
    in: T.Optional(T.Array(T.String({ maxLength: 200 }), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof condition>;

// A relative date bound: "today", "+14d", "-120y" (years back, for birth dates), or an ISO date.
const dateBound = T.String({ pattern: '^(today|[+-][0-9]{1,4}[dy]|[0-9]{4}-[0-9]{2}-[0-9]{2})$' });

const field = T.Object(
  {
    key,
    type: T.Union(fieldTypes.map((t) => T.Literal(t))),
    label: localText,
    hint: T.Optional(localText),
    required: T.Optional(T.Boolean()),
    showIf: T.Optional(condition),
    prefill: T.Optional(T.Union(prefillAttributes.map((a) => T.Literal(a)))),
    autocomplete: T.Optional(T.String({ pattern: '^[a-z0-9 -]{1,60}$' })),
    maxLength: T.Optional(T.Integer({ minimum: 1, maximum: 5000 })),
    pattern: T.Optional(T.String({ maxLength: 200 })),
    patternMessage: T.Optional(localText),
    min: T.Optional(T.Union([T.Number(), dateBound])),
    max: T.Optional(T.Union([T.Number(), dateBound])),
    options: T.Optional(
      T.Array(
        T.Object(
          { value: T.String({ pattern: '^[a-z0-9-]{1,60}$' }), label: localText },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
    ),
    accept: T.Optional(T.Array(T.Union(attachmentTypes.map((t) => T.Literal(t))), { minItems: 1 })),
    maxBytes: T.Optional(T.Integer({ minimum: 1024, maximum: 20 * 1024 * 1024 })),
  },
  { additionalProperties: false },
);
export type FormField = Static<typeof field>;

const step = T.Object(
  { key, title: localText, intro: T.Optional(localText), fields: T.Array(field, { minItems: 1, maxItems: 40 }) },
  { additionalProperties: false },
);
export type FormStep = Static<typeof step>;

const common = {
  slug: T.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }),
  title: localText,
  summary: localText,
  /** The service in the A–Z ("Wo erledige ich was?") this belongs to, for its office, fees and documents. */
  service: T.Optional(T.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' })),
  leistungsschluessel: T.String({ pattern: '^[0-9]{14}$' }),
};

export const formDefinitionSchema = T.Object(
  {
    kind: T.Literal('form'),
    ...common,
    intro: T.Optional(localText),
    office: T.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }),
    trustLevel: T.Union(requiredLevels.map((l) => T.Literal(l))),
    fee: T.Optional(localText),
    delivery: T.Union([
      T.Object({ kind: T.Literal('inbox') }, { additionalProperties: false }),
      T.Object(
        {
          kind: T.Literal('fit-connect'),
          // A pattern, not format 'uuid': TypeBox's checker knows only the formats shared/formats.ts registers.
          destinationId: T.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
        },
        { additionalProperties: false },
      ),
    ]),
    steps: T.Array(step, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type FormDefinition = Static<typeof formDefinitionSchema>;

export const linkDefinitionSchema = T.Object(
  {
    kind: T.Literal('link'),
    ...common,
    /** https, with {ars}, {ags} or {municipality} filled in from the municipality's configuration. */
    url: T.String({ pattern: '^https://[^\\s]+$', maxLength: 500 }),
    operator: localText,
  },
  { additionalProperties: false },
);
export type LinkDefinition = Static<typeof linkDefinitionSchema>;

export const definitionSchema = T.Union([formDefinitionSchema, linkDefinitionSchema]);
export type Definition = Static<typeof definitionSchema>;

const reservedSlugs = ['postfach', 'status', 'anmelden', 'abmelden', 'anmeldung', 'saml', 'oidc'];

/** Every field of a form in step order. */
export function allFields(form: FormDefinition): FormField[] {
  return form.steps.flatMap((s) => s.fields);
}

/**
 * The problems of a definition (schema and cross-field rules), as readable lines; empty when it is sound.
 * Rules: keys unique across the form, a condition names a choice field before it and one of its options, choice
 * fields have options and others none, file fields name what they accept, patterns compile.
 */
export function checkDefinition(input: unknown): string[] {
  // Checked against the schema of its kind, so the messages name the field instead of "expected union value".
  const kind = (input as { kind?: unknown } | null)?.kind;
  const schema = kind === 'form' ? formDefinitionSchema : kind === 'link' ? linkDefinitionSchema : undefined;
  if (!schema) return ['/kind: must be "form" or "link"'];
  if (!Value.Check(schema, input)) {
    return [...Value.Errors(schema, input)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
  }
  const def = input as Definition;
  // These paths under /antraege belong to the platform (login, mailbox, status links).
  if (reservedSlugs.includes(def.slug)) return [`/slug: ${def.slug} is reserved`];
  if (def.kind === 'link') return [];
  const problems: string[] = [];
  const seen = new Map<string, FormField>();
  const stepKeys = new Set<string>();
  for (const s of def.steps) {
    if (stepKeys.has(s.key)) problems.push(`step ${s.key}: key used twice`);
    stepKeys.add(s.key);
    for (const f of s.fields) {
      const at = `field ${f.key}`;
      if (seen.has(f.key)) problems.push(`${at}: key used twice`);
      const choice = f.type === 'select' || f.type === 'radio' || f.type === 'checkboxes';
      if (choice && !f.options) problems.push(`${at}: a ${f.type} needs options`);
      if (!choice && f.options) problems.push(`${at}: only choices have options`);
      if (f.type === 'file' && !f.accept) problems.push(`${at}: a file field names what it accepts`);
      if (f.type !== 'file' && (f.accept || f.maxBytes)) problems.push(`${at}: accept and maxBytes are for files`);
      const bounds = [f.min, f.max].filter((b) => b !== undefined);
      if (f.type === 'number' && bounds.some((b) => typeof b !== 'number'))
        problems.push(`${at}: a number's min and max are numbers`);
      if (f.type === 'date' && bounds.some((b) => typeof b !== 'string'))
        problems.push(`${at}: a date's min and max are dates`);
      if (f.type !== 'number' && f.type !== 'date' && bounds.length)
        problems.push(`${at}: min and max are for numbers and dates`);
      if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length)
        problems.push(`${at}: an option value is used twice`);
      if (f.prefill && !['text', 'email', 'date'].includes(f.type))
        problems.push(`${at}: only text, e-mail and date fields are pre-filled`);
      if (f.pattern) {
        try {
          new RegExp(f.pattern, 'u');
        } catch {
          problems.push(`${at}: the pattern does not compile`);
        }
      }
      if (f.showIf) {
        const target = seen.get(f.showIf.field);
        const wanted = f.showIf.in ?? (f.showIf.equals !== undefined ? [f.showIf.equals] : []);
        if (!target) problems.push(`${at}: its condition names ${f.showIf.field}, which is not an earlier field`);
        else if (wanted.length === 0) problems.push(`${at}: its condition needs equals or in`);
        else if (target.type === 'checkbox') {
          if (wanted.some((w) => w !== 'yes' && w !== '')) problems.push(`${at}: a checkbox is "yes" or ""`);
        } else if (!target.options) problems.push(`${at}: its condition must name a choice field`);
        else if (wanted.some((w) => !target.options?.some((o) => o.value === w))) {
          problems.push(`${at}: its condition names a value ${f.showIf.field} does not offer`);
        }
      }
      seen.set(f.key, f);
    }
  }
  return problems;
}
