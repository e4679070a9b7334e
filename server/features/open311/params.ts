import { closedStatuses, openStatuses, type ReportStatus } from '../reports/core/statuses.js';
import type { RequestFilter } from '../reports/public/requests-service.js';
import { parseW3cDateTime } from './datetime.js';
import { badRequest, type Open311Problem } from './errors.js';

/** A query string or form body as Fastify parses it: repeated names become arrays. */
export type RawParams = Record<string, string | string[] | undefined>;

export const maxResults = 1000;
export const maxWindowDays = 90;
const dayMs = 24 * 3600 * 1000;

/**
 * The parameters of a request whose schema the caller does not know (hooks and error handlers): string and
 * list-of-string fields of a parsed query, body or params; anything else is left out.
 */
export function rawParams(source: unknown): RawParams {
  const out: RawParams = {};
  if (!source || typeof source !== 'object') return out;
  for (const [name, value] of Object.entries(source)) {
    const strings = Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (typeof value === 'string' || strings) out[name] = value;
  }
  return out;
}

/** "Optional" parameters: an empty value counts as not given (specification, Definitions). */
export function single(params: RawParams, name: string): string | undefined {
  const v = params[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/** A comma list that may also be declared several times (`status=open,closed` or `status=open&status=closed`). */
export function list(params: RawParams, name: string): string[] | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? [...new Set(items)] : undefined;
}

function integer(params: RawParams, name: string, min: number, max: number, problems: Open311Problem[]) {
  const s = single(params, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < min || n > max) {
    problems.push({ key: 'integerRange', param: name, params: { min, max } });
    return undefined;
  }
  return n;
}

function datetime(params: RawParams, name: string, timeZone: string, problems: Open311Problem[], endOfDay = false) {
  const s = single(params, name);
  if (s === undefined) return undefined;
  const parsed = parseW3cDateTime(s, timeZone);
  if (!parsed) {
    problems.push({ key: 'datetimeInvalid', param: name });
    return undefined;
  }
  // A day as end_date means up to the end of that day.
  return endOfDay && parsed.dayOnly ? new Date(parsed.date.getTime() + dayMs - 1) : parsed.date;
}

function statuses(params: RawParams, problems: Open311Problem[]): ReportStatus[] | undefined {
  const given = list(params, 'status');
  if (!given) return undefined;
  const out: ReportStatus[] = [];
  for (const s of given) {
    if (s === 'open') out.push(...openStatuses);
    else if (s === 'closed') out.push(...closedStatuses);
    else problems.push({ key: 'statusInvalid', param: 'status', params: { value: s } });
  }
  return out;
}

function bbox(params: RawParams, problems: Open311Problem[]): RequestFilter['bbox'] {
  const s = single(params, 'bbox');
  if (s === undefined) return undefined;
  const n = s.split(',').map((x) => (x.trim() === '' ? Number.NaN : Number(x)));
  const [minLon, minLat, maxLon, maxLat] = n as [number, number, number, number];
  const valid =
    n.length === 4 &&
    n.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!valid) {
    problems.push({ key: 'bboxInvalid', param: 'bbox' });
    return undefined;
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** `extensions=true` (also 1); anything else but false/0 is a mistake worth telling. */
export function extensionsWanted(params: RawParams): boolean {
  const s = single(params, 'extensions')?.toLowerCase();
  if (s === undefined || s === 'false' || s === '0') return false;
  if (s === 'true' || s === '1') return true;
  throw badRequest({ key: 'extensionsInvalid', param: 'extensions' });
}

/**
 * The GET requests filter with the specification's defaults: `service_request_id` overrides every other argument;
 * otherwise requested_datetime within start_date…end_date, by default the last 90 days, never more than 90 days
 * wide; at most 1,000 results. Extensions: page/page_size (≤ 1,000), updated_after/updated_before (replace the
 * default creation window when given alone), bbox. Throws a 400 listing every invalid argument.
 */
export function parseRequestFilter(
  params: RawParams,
  o: { municipalityId: string; timeZone: string; now: Date },
): RequestFilter {
  const extended = extensionsWanted(params);
  const references = list(params, 'service_request_id');
  if (references) {
    if (references.length > maxResults) throw badRequest({ key: 'tooManyIds', param: 'service_request_id' });
    return { municipalityId: o.municipalityId, references, limit: maxResults, offset: 0, extended };
  }
  const problems: Open311Problem[] = [];
  const start = datetime(params, 'start_date', o.timeZone, problems);
  const end = datetime(params, 'end_date', o.timeZone, problems, true);
  const updatedAfter = datetime(params, 'updated_after', o.timeZone, problems);
  const updatedBefore = datetime(params, 'updated_before', o.timeZone, problems);
  const page = integer(params, 'page', 1, 1_000_000, problems) ?? 1;
  const pageSize = integer(params, 'page_size', 1, maxResults, problems) ?? maxResults;
  const filter: RequestFilter = {
    municipalityId: o.municipalityId,
    serviceCodes: list(params, 'service_code'),
    statuses: statuses(params, problems),
    bbox: bbox(params, problems),
    limit: pageSize,
    offset: (page - 1) * pageSize,
    extended,
  };
  const window = maxWindowDays * dayMs;
  if (start && end) {
    if (end < start) problems.push({ key: 'endBeforeStart', param: 'end_date' });
    else if (end.getTime() - start.getTime() > window) problems.push({ key: 'windowTooWide', param: 'end_date' });
    filter.createdFrom = start;
    filter.createdTo = end;
  } else if (start) {
    filter.createdFrom = start;
    filter.createdTo = new Date(start.getTime() + window);
  } else if (end) {
    filter.createdFrom = new Date(end.getTime() - window);
    filter.createdTo = end;
  } else if (!updatedAfter && !updatedBefore) {
    filter.createdFrom = new Date(o.now.getTime() - window);
  }
  if (updatedAfter || updatedBefore) {
    const after = updatedAfter ?? new Date((updatedBefore as Date).getTime() - window);
    const before = updatedBefore ?? new Date(after.getTime() + window);
    if (before < after) problems.push({ key: 'updatedBeforeAfter', param: 'updated_before' });
    else if (before.getTime() - after.getTime() > window)
      problems.push({ key: 'windowTooWide', param: 'updated_before' });
    filter.updatedAfter = after;
    filter.updatedBefore = before;
  }
  for (const [k, v] of Object.entries(filter))
    if (v === undefined) delete (filter as unknown as Record<string, unknown>)[k];
  if (problems.length > 0) throw badRequest(...problems);
  return filter;
}
