import { slugify } from '../../../shared/formats.js';
import type { FieldErrors } from '../../platform/errors.js';
import type { OpeningRule } from '../waste/info/opening-hours.js';
import { isServiceTopic, limits, type OfficeInput, type ServiceInput, type ServiceTopic } from './model.js';

// One set of rules for services and offices, whichever way they come (form, CSV row, JSON entry): the fields are
// flat (`name_de`, `documents_en`, …; the CSV columns and form fields have the same names), the messages i18n keys.

export type FlatFields = Record<string, string | string[] | undefined>;

const err = (key: string) => `services.errors.${key}`;

function str(f: FlatFields, name: string): string {
  const v = f[name];
  return (Array.isArray(v) ? v.join('\n') : (v ?? '')).trim();
}

/** A list field: given as a list, or as text with one entry per line or separated by "|" (CSV) or `extra`. */
function items(f: FlatFields, name: string, extra?: RegExp): string[] {
  const v = f[name];
  const parts = Array.isArray(v) ? v : (v ?? '').split(/\r?\n|\|/);
  return parts
    .flatMap((p) => (extra ? p.split(extra) : [p]))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const placeholders = ['ars', 'ags', 'municipality'];

/** A path on our own origin ("/abfall/sperrmuell") or an https URL (a template with known placeholders). */
function checkUrl(value: string, templates: boolean): string | undefined {
  if (!value) return undefined;
  if (value.length > limits.url) return err('tooLong');
  if (/^\/(?!\/)[^\s]*$/.test(value)) return undefined;
  const names = [...value.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  if (names.some((n) => !templates || !placeholders.includes(n))) return err('urlPlaceholder');
  try {
    const url = new URL(value.replace(/\{[a-z]+\}/g, 'x'));
    return url.protocol === 'https:' && !url.username && !url.password ? undefined : err('urlInvalid');
  } catch {
    return err('urlInvalid');
  }
}

function text(f: FlatFields, name: string, max: number, errors: FieldErrors, required = false): string {
  const v = str(f, name);
  if (required && !v) errors[name] = err('required');
  else if (v.length > max) errors[name] = err('tooLong');
  return v;
}

function local(f: FlatFields, base: string, max: number, errors: FieldErrors, required = false) {
  const de = text(f, `${base}_de`, max, errors, required);
  const en = text(f, `${base}_en`, max, errors);
  return en ? { de, en } : { de };
}

/** A service from flat fields; slug from the German name when empty. Errors per field, or the clean input. */
export function cleanService(f: FlatFields): { value: ServiceInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = local(f, 'name', limits.name, errors, true);
  const slug = str(f, 'slug') || slugify(name.de, 80);
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) errors.slug = err('slugInvalid');
  const synonyms = [...new Set(items(f, 'synonyms', /[,;]/))];
  if (synonyms.length > limits.synonyms || synonyms.some((s) => s.length > 80)) errors.synonyms = err('tooMany');
  const key = str(f, 'leistungsschluessel').replace(/\s+/g, '');
  if (key && !/^\d{14}$/.test(key)) errors.leistungsschluessel = err('leikaInvalid');
  const office = str(f, 'office');
  if (!office) errors.office = err('officeRequired');
  const docs = { de: items(f, 'documents_de'), en: items(f, 'documents_en') };
  for (const lang of ['de', 'en'] as const) {
    if (docs[lang].length > limits.documents || docs[lang].some((d) => d.length > limits.line)) {
      errors[`documents_${lang}`] = err('tooMany');
    }
  }
  const topicList = items(f, 'topics', /[,;]/);
  if (topicList.some((tp) => !isServiceTopic(tp))) errors.topics = err('topicUnknown');
  const onlineUrl = str(f, 'online_url');
  const urlError = checkUrl(onlineUrl, true);
  if (urlError) errors.online_url = urlError;
  const appointmentUrl = str(f, 'appointment_url');
  const appointmentError = checkUrl(appointmentUrl, false);
  if (appointmentError) errors.appointment_url = appointmentError;
  const value: ServiceInput = {
    slug,
    name,
    synonyms,
    summary: local(f, 'summary', limits.short, errors, true),
    description: local(f, 'description', limits.long, errors),
    leistungsschluessel: key,
    office,
    documents: docs.en.length ? docs : { de: docs.de },
    fees: local(f, 'fees', limits.short, errors),
    processingTime: local(f, 'processing_time', limits.line, errors),
    legalBasis: text(f, 'legal_basis', limits.short, errors),
    topics: [...new Set(topicList.filter(isServiceTopic))] as ServiceTopic[],
    onlineUrl,
    onlineLabel: local(f, 'online_label', limits.line, errors),
    appointmentUrl,
  };
  return { value, errors };
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks structured opening hours: weekdays 0–6, "HH:MM" times, opening before closing. */
export function hoursValid(hours: unknown): hours is OpeningRule[] {
  return (
    Array.isArray(hours) &&
    hours.length <= 30 &&
    hours.every(
      (r) =>
        r &&
        typeof r === 'object' &&
        Array.isArray(r.weekdays) &&
        r.weekdays.length > 0 &&
        r.weekdays.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6) &&
        typeof r.opens === 'string' &&
        typeof r.closes === 'string' &&
        hhmm.test(r.opens) &&
        hhmm.test(r.closes) &&
        r.opens < r.closes,
    )
  );
}

/** An office from flat fields plus its structured hours (checked by the caller's parser or `hoursValid`). */
export function cleanOffice(
  f: FlatFields,
  hours: OpeningRule[],
  position: { lat: number | null; lon: number | null } = { lat: null, lon: null },
): { value: OfficeInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = local(f, 'name', limits.name, errors, true);
  const key = str(f, 'key') || slugify(name.de, 60);
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(key)) errors.key = err('slugInvalid');
  const postcode = str(f, 'postcode');
  if (!/^\d{5}$/.test(postcode)) errors.postcode = err('postcodeInvalid');
  const email = text(f, 'email', 200, errors);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = err('emailInvalid');
  const appointmentUrl = str(f, 'appointment_url');
  const appointmentError = checkUrl(appointmentUrl, false);
  if (appointmentError) errors.appointment_url = appointmentError;
  const value: OfficeInput = {
    key,
    name,
    street: text(f, 'street', limits.name, errors, true),
    postcode,
    city: text(f, 'city', limits.name, errors, true),
    postalAddress: text(f, 'postal_address', limits.short, errors),
    phone: text(f, 'phone', 60, errors),
    email,
    hours,
    hoursNote: local(f, 'hours_note', limits.short, errors),
    accessibility: local(f, 'accessibility', limits.short, errors),
    appointmentUrl,
    lat: position.lat,
    lon: position.lon,
  };
  return { value, errors };
}
