import type { StaffPrincipal } from '../../../platform/auth/types.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { idOf, type PageQuery, single } from '../../../platform/http/page-schemas.js';
import { listDepartments } from '../../departments/service.js';
import { listExternalBodies } from '../core/external-bodies.js';
import { selectPhotoData, selectPhotos } from '../core/photos-queries.js';
import { availableActions, canSeeContact, canUseInbox, canViewReport, type WorkflowAction } from '../core/policy.js';
import { listDistrictOptions, listLeafCategories } from '../core/routing.js';
import { closedStatuses, isReportStatus, openStatuses, type ReportStatus } from '../core/statuses.js';
import {
  type InboxCounts,
  type InboxFilter,
  type InboxSort,
  selectInbox,
  selectInboxCounts,
  selectInboxPoints,
  selectMergedReferences,
  selectOverdue,
  selectReportScope,
  selectStaffEvents,
  selectStaffReport,
} from './inbox-queries.js';
import {
  type InboxItem,
  presentInboxRow,
  presentMapFeature,
  presentStaffEvent,
  presentStaffPhoto,
  presentStaffReport,
  type StaffEvent,
  type StaffPhoto,
  type StaffReport,
} from './present.js';

export const inboxPageSize = 25;
/** The staff map shows at most this many points (newest first); the list below it has them all. */
export const mapLimit = 2000;

/** The inbox's views: "needs triage" (the BSC's own work) and "with a department" (waiting for others). */
export const triageStatuses: readonly ReportStatus[] = ['received'];
export const withDepartmentStatuses: readonly ReportStatus[] = ['forwarded', 'accepted', 'in_progress'];

export const statusFilters = [
  'triage',
  'department',
  'open',
  'closed',
  'all',
  ...openStatuses,
  ...closedStatuses,
] as const;

/** The view an inbox opens with: the BSC's triage for BSC and admins, all their open reports for a department. */
export function defaultStatusFor(role: StaffPrincipal['role'] | undefined): string {
  return role === 'department_staff' ? 'open' : 'triage';
}
export const inboxSorts: readonly InboxSort[] = ['newest', 'oldest', 'due'];

/** The inbox filter as the query string carries it; unknown values count as unset. */
export interface InboxQuery {
  status: string;
  /** The view when the query names none (see defaultStatusFor); links leave it out. */
  defaultStatus: string;
  category?: number;
  district?: number;
  department?: number;
  overdue: boolean;
  screening: boolean;
  q?: string;
  sort: InboxSort;
  page: number;
}

/** Reads the inbox filter from a query string; a field given twice counts as unset. */
export function parseInboxQuery(q: PageQuery, defaultStatus = 'open'): InboxQuery {
  const str = (k: string) => single(q[k])?.trim() ?? '';
  const id = (k: string) => idOf(single(q[k]));
  const status = (statusFilters as readonly string[]).includes(str('status')) ? str('status') : defaultStatus;
  const sort = inboxSorts.find((s) => s === str('sort')) ?? 'newest';
  const page = id('page') ?? 1;
  const text = str('q').slice(0, 200);
  return {
    status,
    defaultStatus,
    category: id('category'),
    district: id('district'),
    department: id('department'),
    overdue: str('overdue') === '1',
    screening: str('screening') === '1',
    ...(text ? { q: text } : {}),
    sort,
    page,
  };
}

function statusesOf(status: string): readonly ReportStatus[] | undefined {
  if (status === 'triage') return triageStatuses;
  if (status === 'department') return withDepartmentStatuses;
  if (status === 'open') return openStatuses;
  if (status === 'closed') return closedStatuses;
  return isReportStatus(status) ? [status] : undefined;
}

function filterFor(deps: Deps, actor: StaffPrincipal, q: InboxQuery): InboxFilter {
  if (!canUseInbox(actor)) throw forbidden();
  return {
    municipalityId: deps.config.municipality.id,
    ...(actor.role === 'department_staff' ? { onlyDepartmentIds: actor.departmentIds } : {}),
    statuses: statusesOf(q.status),
    categoryId: q.category,
    districtId: q.district,
    departmentId: q.department,
    overdue: q.overdue,
    needsScreening: q.screening,
    text: q.q,
    now: deps.now(),
  };
}

/** The choices of the filter form: categories, districts and the departments the actor may filter by. */
export async function inboxOptions(deps: Deps, actor: StaffPrincipal) {
  const m = deps.config.municipality.id;
  const [categories, districts, departments] = await Promise.all([
    listLeafCategories(deps),
    listDistrictOptions(deps),
    listDepartments(deps.db, m),
  ]);
  return {
    categories,
    districts,
    departments: departments
      .filter((d) => actor.role !== 'department_staff' || actor.departmentIds.includes(d.id))
      .map((d) => ({ id: d.id, name: d.name, active: d.active })),
  };
}
export type InboxOptions = Awaited<ReturnType<typeof inboxOptions>>;

/** The inbox's figures for the actor: to triage, with a department, overdue, to screen (open reports only). */
export async function inboxCounts(deps: Deps, actor: StaffPrincipal): Promise<InboxCounts> {
  if (!canUseInbox(actor)) throw forbidden();
  return selectInboxCounts(
    deps.db,
    {
      municipalityId: deps.config.municipality.id,
      ...(actor.role === 'department_staff' ? { onlyDepartmentIds: actor.departmentIds } : {}),
      now: deps.now(),
    },
    { triage: triageStatuses, withDepartment: withDepartmentStatuses },
  );
}

/** One page of the inbox for the actor: all reports for BSC and admins, their departments' for department staff. */
export async function listInbox(
  deps: Deps,
  actor: StaffPrincipal,
  q: InboxQuery,
): Promise<{ items: InboxItem[]; total: number; page: number; pages: number }> {
  const filter = filterFor(deps, actor, q);
  const { rows, total } = await selectInbox(deps.db, filter, {
    sort: q.sort,
    limit: inboxPageSize,
    offset: (q.page - 1) * inboxPageSize,
  });
  const pages = Math.max(1, Math.ceil(total / inboxPageSize));
  return { items: rows.map((r) => presentInboxRow(r, filter.now)), total, page: q.page, pages };
}

/** Parses "minLon,minLat,maxLon,maxLat"; throws validation_failed. */
export function parseBbox(raw: string | undefined): [number, number, number, number] | undefined {
  if (!raw) return undefined;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  const ok =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!ok) throw new AppError('validation_failed', 'bbox must be minLon,minLat,maxLon,maxLat', { bbox: 'invalid' });
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * The inbox's reports as a GeoJSON FeatureCollection (same filter, optionally a bounding box or one report), at most
 * mapLimit points, newest first; `truncated` when more match. `label` names status and category in the reader's
 * language.
 */
export async function inboxGeoJson(
  deps: Deps,
  actor: StaffPrincipal,
  q: InboxQuery,
  opts: {
    bbox?: [number, number, number, number];
    reportId?: number;
    label: Parameters<typeof presentMapFeature>[2];
  },
) {
  const filter = { ...filterFor(deps, actor, q), bbox: opts.bbox, reportId: opts.reportId };
  const rows = await selectInboxPoints(deps.db, filter, mapLimit + 1);
  return {
    type: 'FeatureCollection' as const,
    features: rows.slice(0, mapLimit).map((r) => presentMapFeature(r, filter.now, opts.label)),
    truncated: rows.length > mapLimit,
  };
}

export interface OverdueGroup {
  departmentId: number | null;
  department: string | null;
  items: InboxItem[];
}

/** Open reports past their due time, grouped by department (the BSC's own first). */
export async function listOverdue(deps: Deps, actor: StaffPrincipal): Promise<OverdueGroup[]> {
  if (!canUseInbox(actor)) throw forbidden();
  const now = deps.now();
  const rows = await selectOverdue(
    deps.db,
    {
      municipalityId: deps.config.municipality.id,
      ...(actor.role === 'department_staff' ? { onlyDepartmentIds: actor.departmentIds } : {}),
      now,
    },
    5000,
  );
  const groups: OverdueGroup[] = [];
  for (const row of rows) {
    const departmentId = row.department_id === null ? null : Number(row.department_id);
    let group = groups.at(-1);
    if (!group || group.departmentId !== departmentId) {
      group = { departmentId, department: row.department_name, items: [] };
      groups.push(group);
    }
    group.items.push(presentInboxRow(row, now));
  }
  return groups;
}

export interface StaffReportDetail {
  report: StaffReport;
  events: StaffEvent[];
  photos: StaffPhoto[];
  mergedFrom: { id: number; reference: string }[];
  actions: WorkflowAction[];
  departments: { id: number; name: string }[];
  externalBodies: { id: number; name: string }[];
}

/** Throws not_found, or forbidden when the actor may not see the report. */
async function assertVisible(deps: Deps, actor: StaffPrincipal, reportId: number): Promise<void> {
  const scope = await selectReportScope(deps.db, deps.config.municipality.id, reportId);
  if (!scope) throw notFound('Report');
  const departmentId = scope.department_id === null ? null : Number(scope.department_id);
  if (!canViewReport(actor, { departmentId })) throw forbidden();
}

/** Everything the actor may see of a report, and the actions offered. Throws not_found or forbidden. */
export async function getStaffReport(deps: Deps, actor: StaffPrincipal, reportId: number): Promise<StaffReportDetail> {
  await assertVisible(deps, actor, reportId);
  const m = deps.config.municipality.id;
  const row = await selectStaffReport(deps.db, m, reportId);
  if (!row) throw notFound('Report');
  const scope = { departmentId: row.department_id === null ? null : Number(row.department_id) };
  const report = presentStaffReport(row, deps.now(), canSeeContact(actor, scope));
  const [events, photos, mergedFrom, departments, bodies] = await Promise.all([
    selectStaffEvents(deps.db, reportId),
    selectPhotos(deps.db, reportId),
    selectMergedReferences(deps.db, reportId),
    listDepartments(deps.db, m),
    listExternalBodies(deps),
  ]);
  return {
    report,
    events: events.map(presentStaffEvent),
    photos: photos.map(presentStaffPhoto),
    mergedFrom: mergedFrom.map((r) => ({ id: Number(r.id), reference: r.reference })),
    actions: availableActions(actor, report),
    departments: departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name })),
    externalBodies: bodies.filter((b) => b.active).map((b) => ({ id: Number(b.id), name: b.name })),
  };
}

/** A photo's bytes for staff (any review state). Throws not_found or forbidden. */
export async function getStaffPhoto(deps: Deps, actor: StaffPrincipal, reportId: number, photoId: number) {
  await assertVisible(deps, actor, reportId);
  const photo = await selectPhotoData(deps.db, reportId, photoId);
  if (!photo) throw notFound('Photo');
  return { contentType: photo.content_type, data: photo.data };
}
