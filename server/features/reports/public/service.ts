import { isCalendarDay } from '../../../../shared/formats.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { listDistricts } from '../../addresses/service.js';
import { type CategoryChoiceRow, selectCategoryChoices } from '../core/categories-queries.js';
import { type PublicEventRow, selectPublicEvents } from '../core/events-queries.js';
import { type PhotoRef, selectApprovedPhotos } from '../core/photos-queries.js';
import { closedStatuses, isReportStatus, openStatuses } from '../core/statuses.js';
import { isPublicReport } from '../core/visibility.js';
import {
  type MapReportRow,
  type PublicDetailRow,
  type PublicFilter,
  type PublicPhotoRow,
  type PublicReportRow,
  selectMapReportsInGrid,
  selectNewestMapReports,
  selectPublicPhoto,
  selectPublicReports,
  selectReportByReference,
} from './queries.js';

export const publicPageSize = 20;
/** The list counts matches up to this many (narrower filters are counted exactly). */
export const countLimit = 10_000;
/** Most reports one map answer carries; the answer says when more match (zoom in or filter). */
export const mapFeatureLimit = 1000;
/** Largest bounding box the map API accepts, in degrees per side (a whole region; a city is ~0.5°). */
export const maxBboxSpanDegrees = 5;

/** The filter as typed into the form or the query string (everything optional, unchecked). */
export interface PublicQuery {
  category?: string;
  /** 'open', 'closed' or one status. */
  status?: string;
  district?: string;
  from?: string;
  to?: string;
  page?: number;
}

/** Problem codes per field; the pages translate `reports-public.errors.<code>`, the API sends `problemText`. */
export type QueryProblems = Record<string, keyof typeof problemText>;

export const problemText = {
  unknownCategory: 'unknown category code',
  unknownStatus: 'must be open, closed or one of the statuses',
  unknownDistrict: 'unknown district key',
  dateInvalid: 'must be a date (YYYY-MM-DD)',
  toBeforeFrom: 'must not be before from',
  pageInvalid: 'must be a whole number of 1 or more',
  bboxFormat: 'must be minLon,minLat,maxLon,maxLat (four numbers)',
  bboxRange: 'longitudes must lie within −180…180 and latitudes within −90…90',
  bboxOrder: 'minimum must be smaller than maximum (minLon,minLat,maxLon,maxLat)',
  bboxTooLarge: `each side may span at most ${maxBboxSpanDegrees} degrees`,
} as const;

export interface FilterChoices {
  categories: CategoryChoiceRow[];
  districts: { key: string; name: string }[];
}

/** The categories and districts the filter offers (and accepts). */
export async function listFilterChoices(deps: Deps, municipalityId: string): Promise<FilterChoices> {
  const [categories, districts] = await Promise.all([
    selectCategoryChoices(deps.db, municipalityId),
    listDistricts(deps, municipalityId),
  ]);
  return { categories, districts: districts.map((d) => ({ key: d.key, name: d.name })) };
}

/** Checks a filter against the choices; returns the problems per field (empty when fine). */
export function checkPublicQuery(q: PublicQuery, choices: FilterChoices): QueryProblems {
  const problems: QueryProblems = {};
  if (q.category && !choices.categories.some((c) => c.code === q.category)) problems.category = 'unknownCategory';
  if (q.status && q.status !== 'open' && q.status !== 'closed' && !isReportStatus(q.status)) {
    problems.status = 'unknownStatus';
  }
  if (q.district && !choices.districts.some((d) => d.key === q.district)) problems.district = 'unknownDistrict';
  if (q.from && !isCalendarDay(q.from)) problems.from = 'dateInvalid';
  if (q.to && !isCalendarDay(q.to)) problems.to = 'dateInvalid';
  if (!problems.from && !problems.to && q.from && q.to && q.from > q.to) problems.to = 'toBeforeFrom';
  if (q.page !== undefined && !(Number.isSafeInteger(q.page) && q.page >= 1)) problems.page = 'pageInvalid';
  return problems;
}

/**
 * Parses "minLon,minLat,maxLon,maxLat". Returns the box, or a problem code: numbers, ranges, order (min < max)
 * and size (at most `maxBboxSpanDegrees` per side).
 */
export function parseBbox(raw: string): [number, number, number, number] | keyof typeof problemText {
  const parts = raw.split(',');
  if (parts.length !== 4 || parts.some((p) => p.trim() === '')) return 'bboxFormat';
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number) as [number, number, number, number];
  if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite)) return 'bboxFormat';
  const lonOk = (x: number) => x >= -180 && x <= 180;
  const latOk = (y: number) => y >= -90 && y <= 90;
  if (!lonOk(minLon) || !lonOk(maxLon) || !latOk(minLat) || !latOk(maxLat)) return 'bboxRange';
  if (minLon >= maxLon || minLat >= maxLat) return 'bboxOrder';
  if (maxLon - minLon > maxBboxSpanDegrees || maxLat - minLat > maxBboxSpanDegrees) return 'bboxTooLarge';
  return [minLon, minLat, maxLon, maxLat];
}

function throwProblems(problems: QueryProblems): void {
  const fields = Object.entries(problems);
  if (fields.length === 0) return;
  const details = Object.fromEntries(fields.map(([field, code]) => [field, problemText[code]]));
  throw new AppError('validation_failed', 'The filter has invalid fields', details);
}

/** The database filter for a checked query: a group category stands for itself and its children. */
function toFilter(deps: Deps, municipalityId: string, q: PublicQuery, choices: FilterChoices): PublicFilter {
  const filter: PublicFilter = { municipalityId, timeZone: deps.config.municipality.timeZone };
  if (q.category) {
    const chosen = choices.categories.find((c) => c.code === q.category);
    if (chosen) {
      filter.categoryIds = [chosen.id, ...choices.categories.filter((c) => c.parent_id === chosen.id).map((c) => c.id)];
    }
  }
  if (q.status === 'open') filter.statuses = openStatuses;
  else if (q.status === 'closed') filter.statuses = closedStatuses;
  else if (isReportStatus(q.status)) filter.statuses = [q.status];
  if (q.district) filter.districtKey = q.district;
  if (q.from) filter.from = q.from;
  if (q.to) filter.to = q.to;
  return filter;
}

export interface PublicReportPage {
  rows: PublicReportRow[];
  /** How many match; at most `countLimit` (then `totalCapped`). */
  total: number;
  /** More than `countLimit` match: narrow the filter to see them all. */
  totalCapped: boolean;
  page: number;
  pages: number;
  pageSize: number;
}

/**
 * One page of public reports (screened, not hidden, not abusive, not merged), newest first. Matches are counted up
 * to `countLimit`; pages beyond it are empty. Throws validation_failed (field → English text) for a bad filter.
 */
export async function listPublicReports(
  deps: Deps,
  municipalityId: string,
  q: PublicQuery,
  options: { choices?: FilterChoices; pageSize?: number } = {},
): Promise<PublicReportPage> {
  const choices = options.choices ?? (await listFilterChoices(deps, municipalityId));
  throwProblems(checkPublicQuery(q, choices));
  const pageSize = options.pageSize ?? publicPageSize;
  const page = q.page ?? 1;
  const pages = (total: number) => Math.max(1, Math.ceil(total / pageSize));
  const offset = (page - 1) * pageSize;
  const filter = toFilter(deps, municipalityId, q, choices);
  const result = await selectPublicReports(deps.db, filter, {
    // Past the counted matches there is nothing to show (and an OFFSET that deep would read them all).
    limit: offset >= countLimit ? 0 : pageSize,
    offset: Math.min(offset, countLimit),
    countLimit,
  });
  const totalCapped = result.total > countLimit;
  const total = Math.min(result.total, countLimit);
  return { rows: result.rows, total, totalCapped, page, pages: pages(total), pageSize };
}

/** The map's grid in a box: cells per side and reports per cell (10 × 10 × 10 = `mapFeatureLimit`). */
const mapGrid = { cells: 10, perCell: mapFeatureLimit / 100 };

/**
 * Public reports for the map, at most `mapFeatureLimit`; `truncated` says more match (zoom in or filter). Without a
 * box ("minLon,minLat,maxLon,maxLat") the newest. In a box a sample spread over it: the box is cut into 10 × 10
 * cells and each shows up to 10 reports, those nearest the cell's centre, so a crowded city centre does not hide
 * the rest of the view. Throws validation_failed for a bad filter or box.
 */
export async function listMapReports(
  deps: Deps,
  municipalityId: string,
  q: PublicQuery & { bbox?: string },
  lang: 'de' | 'en',
): Promise<{ rows: MapReport[]; truncated: boolean }> {
  const choices = await listFilterChoices(deps, municipalityId);
  const problems = checkPublicQuery(q, choices);
  const box = q.bbox === undefined ? undefined : parseBbox(q.bbox);
  if (typeof box === 'string') problems.bbox = box;
  throwProblems(problems);
  const filter = toFilter(deps, municipalityId, q, choices);
  let rows: MapReportRow[];
  let truncated = false;
  if (Array.isArray(box)) {
    const found = await selectMapReportsInGrid(deps.db, { ...filter, bbox: box }, mapGrid.cells, mapGrid.perCell + 1);
    const perCell = new Map<number | null, number>();
    const seen = new Set<string>();
    rows = [];
    for (const row of found) {
      const count = (perCell.get(row.cell) ?? 0) + 1;
      perCell.set(row.cell, count);
      // One more than a cell shows means more exist; a point on a cell edge is found by both cells.
      if (count > mapGrid.perCell) truncated = true;
      else if (!seen.has(row.reference)) {
        seen.add(row.reference);
        rows.push(row);
      }
    }
  } else {
    rows = await selectNewestMapReports(deps.db, filter, mapFeatureLimit + 1);
    truncated = rows.length > mapFeatureLimit;
    rows = rows.slice(0, mapFeatureLimit);
  }
  const categories = new Map(
    choices.categories.map((c) => [c.id, { code: c.code, name: c.name[lang] ?? c.name.de ?? c.code }]),
  );
  const unknown = { code: '', name: '' };
  return { rows: rows.map((row) => ({ ...row, category: categories.get(row.category_id) ?? unknown })), truncated };
}

/** A report on the map: its row and its category in the reader's language. */
export interface MapReport extends MapReportRow {
  category: { code: string; name: string };
}

export type PublicReportDetail =
  | { kind: 'report'; report: PublicDetailRow; events: PublicEventRow[]; photos: PhotoRef[] }
  | { kind: 'merged'; target: string };

/**
 * A public report by reference with its public history and approved photos; a merged report answers with the
 * reference it was merged into. Throws not_found for unknown references and for reports that are not public
 * (awaiting screening, hidden, abusive).
 */
export async function getPublicReport(
  deps: Deps,
  municipalityId: string,
  reference: string,
): Promise<PublicReportDetail> {
  const report = await selectReportByReference(deps.db, municipalityId, reference);
  // A merged report (not hidden or abusive for another reason) leads to the one it was merged into.
  if (report?.merged_into && !report.hidden && !report.abusive) return { kind: 'merged', target: report.merged_into };
  if (!report || !isPublicReport(report)) throw new AppError('not_found', 'No public report with this reference');
  const [events, photos] = await Promise.all([
    selectPublicEvents(deps.db, report.id),
    selectApprovedPhotos(deps.db, report.id),
  ]);
  return { kind: 'report', report, events, photos };
}

/** An approved photo of a public report. Throws not_found otherwise (pending, hidden, other report, not public). */
export async function getPublicPhoto(
  deps: Deps,
  municipalityId: string,
  reference: string,
  photoId: number,
): Promise<PublicPhotoRow> {
  const photo = await selectPublicPhoto(deps.db, municipalityId, reference, photoId);
  if (!photo) throw new AppError('not_found', 'No public photo with this id');
  return photo;
}
