import { parse } from 'csv-parse/sync';
import type { TFunction } from 'i18next';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { indexDocuments } from '../search/documents.js';
import type { OfficeInput, ServiceInput } from './model.js';
import { selectOffices, upsertOffice, upsertService } from './queries.js';
import { forgetServiceCaches, readDemoServices, serviceDocument } from './service.js';
import { cleanOffice, cleanService, type FlatFields, hoursValid } from './validation.js';

// Import of services (CSV or JSON) and offices (JSON), format in docs/services-import.md: every row is checked
// first; one problem rejects the whole file (with line or entry numbers); then all is applied in one transaction.

export const importFormats = ['csv', 'json'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const maxImportBytes = 5 * 1024 * 1024;

/** One problem of a file: where (CSV line, or JSON entry such as `services[3]`), which field, what (i18n key). */
export interface ImportProblem {
  line?: number;
  entry?: string;
  field?: string;
  message: string;
}

/** Where and what, in words: "Zeile 3 · Name (Deutsch): Bitte füllen Sie dieses Feld aus." */
export function problemText(t: TFunction, p: ImportProblem): string {
  const where = p.line
    ? t('services.import.line', { line: p.line })
    : p.entry
      ? t('services.import.entry', { entry: p.entry })
      : t('services.import.file');
  const field = p.field ? ` · ${t(`services.fields.${p.field}`, { defaultValue: p.field })}` : '';
  return `${where}${field}: ${t(p.message)}`;
}

export interface ImportPlan {
  offices: OfficeInput[];
  services: ServiceInput[];
  problems: ImportProblem[];
}

/** The columns a services CSV may have (the same names as the editor's form fields). */
export const csvColumns = [
  'slug',
  'name_de',
  'name_en',
  'synonyms',
  'summary_de',
  'summary_en',
  'description_de',
  'description_en',
  'leistungsschluessel',
  'office',
  'documents_de',
  'documents_en',
  'fees_de',
  'fees_en',
  'processing_time_de',
  'processing_time_en',
  'legal_basis',
  'topics',
  'online_url',
  'online_label_de',
  'online_label_en',
  'appointment_url',
] as const;
const requiredColumns = ['name_de', 'summary_de', 'office'];
const err = (key: string) => `services.import.errors.${key}`;

function problemsOf(errors: Record<string, string>, where: Pick<ImportProblem, 'line' | 'entry'>): ImportProblem[] {
  return Object.entries(errors).map(([field, message]) => ({ ...where, field, message }));
}

function parseCsv(content: string, plan: ImportPlan): Array<{ line: number; fields: FlatFields }> {
  let records: Array<{ info: { lines: number }; record: Record<string, string> }>;
  try {
    records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter: [';', ','],
      info: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    plan.problems.push({ ...(line ? { line } : {}), message: err('csvSyntax') });
    return [];
  }
  const header = Object.keys(records[0]?.record ?? {});
  for (const column of header) {
    if (!(csvColumns as readonly string[]).includes(column))
      plan.problems.push({ line: 1, field: column, message: err('unknownColumn') });
  }
  for (const column of requiredColumns) {
    if (records.length > 0 && !header.includes(column))
      plan.problems.push({ line: 1, field: column, message: err('missingColumn') });
  }
  return records.map((r) => ({ line: r.info.lines, fields: r.record }));
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** A JSON entry as flat fields: {name: {de, en}} → name_de, name_en; lists stay lists. Wrong types are problems. */
function flatten(entry: Record<string, unknown>, names: Record<string, string>, bad: string[]): FlatFields {
  const out: FlatFields = {};
  for (const [key, value] of Object.entries(entry)) {
    const flat = names[key];
    if (flat === undefined) {
      bad.push(key);
      continue;
    }
    if (flat === '') continue; // read by the caller (structured hours, coordinates)
    if (isObject(value) && flat.endsWith('*')) {
      for (const lang of ['de', 'en']) {
        const v = value[lang];
        if (v === undefined) continue;
        if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
          out[`${flat.slice(0, -1)}_${lang}`] = v as string | string[];
        } else bad.push(`${key}.${lang}`);
      }
    } else if (typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'))) {
      out[flat.replace('*', '_de')] = value as string | string[];
    } else if (value !== null && value !== undefined) bad.push(key);
  }
  return out;
}

const serviceNames: Record<string, string> = {
  slug: 'slug',
  name: 'name*',
  synonyms: 'synonyms',
  summary: 'summary*',
  description: 'description*',
  leistungsschluessel: 'leistungsschluessel',
  office: 'office',
  documents: 'documents*',
  fees: 'fees*',
  processingTime: 'processing_time*',
  legalBasis: 'legal_basis',
  topics: 'topics',
  onlineUrl: 'online_url',
  onlineLabel: 'online_label*',
  appointmentUrl: 'appointment_url',
};
const officeNames: Record<string, string> = {
  key: 'key',
  name: 'name*',
  street: 'street',
  postcode: 'postcode',
  city: 'city',
  postalAddress: 'postal_address',
  phone: 'phone',
  email: 'email',
  hoursNote: 'hours_note*',
  accessibility: 'accessibility*',
  appointmentUrl: 'appointment_url',
  hours: '',
  lat: '',
  lon: '',
};

/** A coordinate: absent (null), a number within ±max, or undefined for anything else (a problem). */
function coordinate(v: unknown, max: number): number | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max ? v : undefined;
}

function lineOfPosition(content: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message)?.[1];
  return pos === undefined ? undefined : content.slice(0, Number(pos)).split('\n').length;
}

function parseJson(content: string, plan: ImportPlan) {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (e) {
    const line = lineOfPosition(content, (e as Error).message);
    plan.problems.push({ ...(line ? { line } : {}), message: err('jsonSyntax') });
    return { offices: [], services: [] };
  }
  if (
    !isObject(data) ||
    (data.offices !== undefined && !Array.isArray(data.offices)) ||
    !Array.isArray(data.services ?? [])
  ) {
    plan.problems.push({ message: err('jsonShape') });
    return { offices: [], services: [] };
  }
  const pick = (list: unknown, kind: string, names: Record<string, string>) =>
    (Array.isArray(list) ? list : []).map((entry, i) => {
      const where = `${kind}[${i}]`;
      const bad: string[] = [];
      const fields = isObject(entry) ? flatten(entry, names, bad) : {};
      if (!isObject(entry)) plan.problems.push({ entry: where, message: err('jsonShape') });
      for (const field of bad) plan.problems.push({ entry: where, field, message: err('fieldInvalid') });
      return { where, fields, raw: isObject(entry) ? entry : {} };
    });
  return {
    offices: pick(data.offices, 'offices', officeNames),
    services: pick(data.services, 'services', serviceNames),
  };
}

/** Checks a file without writing: the offices and services it holds, or its problems (none stored if any). */
export async function planServicesImport(
  deps: Deps,
  municipalityId: string,
  source: { format: ImportFormat; content: Buffer | string },
): Promise<ImportPlan> {
  const plan: ImportPlan = { offices: [], services: [], problems: [] };
  if (source.content.length > maxImportBytes) return { ...plan, problems: [{ message: err('tooLarge') }] };
  const content = source.content.toString();
  const officeKeys = new Set((await selectOffices(deps.db, municipalityId)).map((o) => o.key));
  const slugs = new Map<string, string>();
  const rows: Array<{ where: Pick<ImportProblem, 'line' | 'entry'>; fields: FlatFields }> = [];
  if (source.format === 'csv') {
    rows.push(...parseCsv(content, plan).map((r) => ({ where: { line: r.line }, fields: r.fields })));
  } else {
    const parsed = parseJson(content, plan);
    for (const o of parsed.offices) {
      const hours = o.raw.hours ?? [];
      if (!hoursValid(hours)) plan.problems.push({ entry: o.where, field: 'hours', message: err('hoursInvalid') });
      const position = { lat: coordinate(o.raw.lat, 90), lon: coordinate(o.raw.lon, 180) };
      if (position.lat === undefined || position.lon === undefined) {
        plan.problems.push({ entry: o.where, field: 'lat', message: err('fieldInvalid') });
      }
      const { value, errors } = cleanOffice(o.fields, hoursValid(hours) ? hours : [], {
        lat: position.lat ?? null,
        lon: position.lon ?? null,
      });
      plan.problems.push(...problemsOf(errors, { entry: o.where }));
      if (plan.offices.some((x) => x.key === value.key))
        plan.problems.push({ entry: o.where, field: 'key', message: err('duplicate') });
      plan.offices.push(value);
      officeKeys.add(value.key);
    }
    rows.push(...parsed.services.map((s) => ({ where: { entry: s.where }, fields: s.fields })));
  }
  for (const { where, fields } of rows) {
    const { value, errors } = cleanService(fields);
    if (value.office && !officeKeys.has(value.office)) errors.office = 'services.errors.officeUnknown';
    if (slugs.has(value.slug)) errors.slug = err('duplicate');
    slugs.set(value.slug, value.slug);
    plan.problems.push(...problemsOf(errors, where));
    plan.services.push(value);
  }
  if (plan.problems.length === 0 && plan.services.length === 0 && plan.offices.length === 0) {
    plan.problems.push({ message: err('empty') });
  }
  return plan;
}

/** Stores a valid plan in one transaction (upserts by key/slug), indexes the services, records one audit entry. */
export async function applyServicesImport(
  deps: Deps,
  municipalityId: string,
  plan: ImportPlan,
  actor: AuditActor,
  fileName: string,
): Promise<{ offices: number; services: number }> {
  if (plan.problems.length > 0) throw new AppError('validation_failed', 'The file has problems; nothing was changed');
  return deps.db.transaction(async (tx) => {
    const at = deps.now();
    for (const o of plan.offices) await upsertOffice(tx, municipalityId, o, at);
    const ids = new Map((await selectOffices(tx, municipalityId)).map((o) => [o.key, o.id]));
    const stored = [];
    for (const s of plan.services) {
      const officeId = ids.get(s.office);
      if (officeId === undefined) throw new AppError('conflict', `Office ${s.office} is gone`);
      stored.push(await upsertService(tx, municipalityId, s, officeId, at));
    }
    await indexDocuments(tx, municipalityId, stored.map(serviceDocument));
    const counts = { offices: plan.offices.length, services: stored.length };
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'service.import',
      entityType: 'service',
      after: { file: fileName, ...counts, slugs: stored.map((s) => s.slug) },
      at,
    });
    forgetServiceCaches(tx, municipalityId);
    return counts;
  });
}

/** Checks and, when the file is valid, applies it; throws validation_failed with the problems otherwise. */
export async function importServices(
  deps: Deps,
  municipalityId: string,
  source: { format: ImportFormat; content: Buffer | string; fileName: string },
  actor: AuditActor,
) {
  const plan = await planServicesImport(deps, municipalityId, source);
  if (plan.problems.length > 0) return { plan, applied: undefined };
  return { plan, applied: await applyServicesImport(deps, municipalityId, plan, actor, source.fileName) };
}

/** Loads the Bielefeld demo offices and services (idempotent: upserts by key and slug). */
export async function seedServicesDemo(deps: Deps, municipalityId = deps.config.municipality.id) {
  const source = { format: 'json' as const, content: readDemoServices(), fileName: 'demo' };
  const { plan, applied } = await importServices(deps, municipalityId, source, { id: null, label: 'demo' });
  if (!applied) throw new Error(`demo services invalid: ${JSON.stringify(plan.problems.slice(0, 5))}`);
  return applied;
}
