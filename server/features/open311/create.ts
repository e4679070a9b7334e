import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { categoryName, listCategories, selectableCategories } from '../reports/core/categories.js';
import { type NewReportInput, submitReport } from '../reports/intake/submit-service.js';
import { badRequest, notFound, Open311Error, type Open311Problem } from './errors.js';
import { authenticateOpen311Client } from './keys-service.js';
import { type RawParams, single } from './params.js';
import { presentCreated } from './present.js';
import type { Open311Context } from './service.js';

const attributeName = /^attribute\[([^\]]*)\](\[\])?$/;

/** `attribute[code]=v` and `attribute[code][]=v1&attribute[code][]=v2` → code → values (empty values dropped). */
function attributes(body: RawParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(body)) {
    const m = attributeName.exec(name);
    if (!m || raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter(Boolean);
    out.set(m[1] as string, [...(out.get(m[1] as string) ?? []), ...values]);
  }
  return out;
}

function coordinate(body: RawParams, name: 'lat' | 'long', max: number, problems: Open311Problem[]) {
  const s = single(body, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^[-+]?\d+(\.\d+)?$/.test(s) || Math.abs(n) > max) {
    problems.push({ key: name === 'lat' ? 'latInvalid' : 'longInvalid', param: name });
    return undefined;
  }
  return n;
}

// "Jahnplatz 5, Bielefeld", "Niederwall 23 Bielefeld", "Obernstraße 3, 33602 Bielefeld, Germany": street and house
// number (with an optional one-letter suffix), then a comma or space, an optional postcode and place words.
const streetAndNumberThenPlace =
  /^(.*?\p{L}.*?\d{1,5}(?:\s?[a-zA-Z](?!\p{L}))?)\s*(?:,\s*|\s+)(?:\d{5}\s*)?\p{L}{2}[\p{L} .()'-]*(?:,\s*\p{L}[\p{L} .'-]*)*$/u;

/**
 * An address_string as GeoReport v2 clients write it, reduced to what the address register knows: street and house
 * number. The place ("Bielefeld"), a postcode and a country after the number are dropped; anything else stays as it
 * is (the register's own parser handles "Herforder Str. 22a" and "Obernstraße 3, 33602").
 */
export function addressTextOf(addressString: string): string {
  const text = addressString.replace(/\s+/g, ' ').trim();
  return streetAndNumberThenPlace.exec(text)?.[1]?.trim() ?? text;
}

/** The location parameter: lat & long, else address_id, else address_string (specification order of preference). */
function location(body: RawParams, problems: Open311Problem[]): NewReportInput['location'] | undefined {
  const before = problems.length;
  const lat = coordinate(body, 'lat', 90, problems);
  const lon = coordinate(body, 'long', 180, problems);
  const addressString = single(body, 'address_string');
  const addressId = single(body, 'address_id');
  if (problems.length > before) return undefined;
  if ((lat === undefined) !== (lon === undefined)) {
    problems.push({ key: 'latLongPair', param: lat === undefined ? 'lat' : 'long' });
    return undefined;
  }
  if (lat !== undefined && lon !== undefined) {
    // The client's own words for the place stay with the report as its landmark text.
    return { method: 'api', lat, lon, ...(addressString ? { landmark: addressString } : {}) };
  }
  if (addressId !== undefined) {
    if (!/^\d{1,15}$/.test(addressId)) {
      problems.push({ key: 'addressIdInvalid', param: 'address_id' });
      return undefined;
    }
    return { method: 'address', addressId: Number(addressId) };
  }
  if (addressString) return { method: 'address', addressText: addressTextOf(addressString) };
  problems.push({ key: 'locationRequired', param: 'lat' });
  return undefined;
}

/** Where a field error of submitReport goes in GeoReport terms. */
function paramOf(field: string, input: NewReportInput): string {
  if (field.startsWith('answers.')) return `attribute[${field.slice('answers.'.length)}]`;
  switch (field) {
    case 'category':
      return 'service_code';
    case 'lon':
      return 'long';
    case 'location':
      return input.location.method === 'api' ? 'lat, long' : input.location.addressId ? 'address_id' : 'address_string';
    case 'address':
      return input.location.addressId !== undefined ? 'address_id' : 'address_string';
    case 'landmark':
      return 'address_string';
    case 'name':
      return 'first_name';
    default:
      return field.startsWith('photos') ? 'media_url' : field;
  }
}

/** submitReport's field errors (i18n keys) as GeoReport problems; the same message for lat and long is told once. */
function problemsFrom(err: AppError, input: NewReportInput, ctx: Open311Context): Open311Problem[] {
  const byText = new Map<string, string[]>();
  for (const [field, message] of Object.entries(err.details ?? {})) {
    const text = ctx.t(message, { defaultValue: message });
    const param = paramOf(field, input);
    const params = byText.get(text) ?? [];
    if (!params.includes(param)) params.push(param);
    byText.set(text, params);
  }
  if (byText.size === 0) return [{ key: 'requestInvalid', text: err.message }];
  return [...byText].map(([text, params]) => ({ key: 'requestInvalid', text, param: params.join(', ') }));
}

/**
 * POST requests: checks the api_key (403), the service_code (400 missing, 404 unknown), the location and the
 * attributes, then files the report through submitReport (source open311, no proof of work: the key stands for the
 * client) and answers `[{service_request_id, service_notice, account_id}]`. Every problem is reported at once.
 * media_url is accepted but never fetched: we do not download from addresses a client names.
 */
export async function createServiceRequest(deps: Deps, ctx: Open311Context, body: RawParams) {
  const municipalityId = deps.config.municipality.id;
  const clientId = await authenticateOpen311Client(deps, municipalityId, single(body, 'api_key'));
  const code = single(body, 'service_code');
  if (!code) throw badRequest({ key: 'serviceCodeRequired', param: 'service_code' });
  const category = selectableCategories(await listCategories(deps, municipalityId)).find((c) => c.code === code);
  if (!category) throw notFound({ key: 'serviceUnknown', param: 'service_code', params: { value: code } });

  const problems: Open311Problem[] = [];
  const answers: Record<string, string | string[]> = {};
  for (const [attribute, values] of attributes(body)) {
    const question = category.questions.find((q) => q.code === attribute);
    if (!question) problems.push({ key: 'attributeUnknown', param: `attribute[${attribute}]` });
    else if (question.datatype === 'multivaluelist') answers[attribute] = values;
    else if (values.length > 1) problems.push({ key: 'attributeSingle', param: `attribute[${attribute}]` });
    else if (values.length === 1) answers[attribute] = values[0] as string;
  }
  const where = location(body, problems);
  if (problems.length > 0 || !where) throw badRequest(...problems);

  const name = [single(body, 'first_name'), single(body, 'last_name')].filter(Boolean).join(' ');
  const email = single(body, 'email');
  const phone = single(body, 'phone');
  const input: NewReportInput = {
    categoryCode: code,
    // Optional in GeoReport v2, required by us: the service's name stands in (it is internal until moderated).
    description: single(body, 'description') ?? categoryName(category, ctx.lang),
    answers,
    location: where,
    photos: [],
    contact: {
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      // The client asked its user (it must show our privacy notice); the city answers through the client.
      notifyEmail: false,
      consent: Boolean(name || email || phone),
    },
    language: ctx.lang,
    source: 'open311',
    open311ClientId: clientId,
  };
  try {
    const report = await submitReport(deps, municipalityId, input);
    return [presentCreated(report.reference, ctx.t('open311.notice', { count: category.targetWorkingDays }))];
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') {
      throw new Open311Error(400, problemsFrom(err, input, ctx));
    }
    throw err;
  }
}
