import type { StaffPhotoRow } from '../core/photos-queries.js';
import { isOpenStatus, type ReportStatus } from '../core/statuses.js';
import type { Localised } from '../core/views/admin-components.js';
import type { InboxRow, MapRow, StaffEventRow, StaffReportRow } from './inbox-queries.js';

/**
 * Rows as the back office sees them. The staff view is separate from every citizen view: it is the only one that
 * carries the original text, internal notes and (when the viewer may see them) the reporter's contact data.
 */

const dayMs = 86_400_000;

const overdueAt = (status: ReportStatus, dueAt: Date | null, now: Date) =>
  isOpenStatus(status) && dueAt !== null && new Date(dueAt).getTime() < now.getTime();

function shorten(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export interface InboxItem {
  id: number;
  reference: string;
  status: ReportStatus;
  category: Localised;
  shortText: string;
  district: string | null;
  place: string | null;
  department: string | null;
  createdAt: Date;
  ageDays: number;
  dueAt: Date | null;
  overdue: boolean;
  needsScreening: boolean;
  abusive: boolean;
  merged: boolean;
  supporters: number;
  returned: boolean;
  returnReason: string | null;
  /** Reopened by the reporter's "not fixed" (returnReason is their comment). */
  reopenedByReporter: boolean;
}

export function presentInboxRow(row: InboxRow, now: Date): InboxItem {
  const createdAt = new Date(row.created_at);
  const dueAt = row.due_at ? new Date(row.due_at) : null;
  return {
    id: Number(row.id),
    reference: row.reference,
    status: row.status,
    category: row.category_name,
    shortText: shorten(row.description),
    district: row.district_name,
    place: row.address_label ?? row.landmark,
    department: row.department_name,
    createdAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / dayMs)),
    dueAt,
    overdue: overdueAt(row.status, dueAt, now),
    needsScreening: row.needs_screening,
    abusive: row.abusive,
    merged: row.merged_into_id !== null,
    supporters: row.supporter_count,
    returned: row.returned,
    returnReason: row.return_reason,
    reopenedByReporter: row.reopened_by_reporter,
  };
}

/**
 * A GeoJSON point feature for the staff map, shaped like the public map's (reference, category {code, name},
 * status, date, url) so the same client module shows both, plus the status label and the overdue flag.
 */
export function presentMapFeature(
  row: MapRow,
  now: Date,
  label: (r: { status: ReportStatus; category: Localised; overdue: boolean; reference: string }) => {
    category: string;
    status: string;
    title: string;
  },
) {
  const dueAt = row.due_at ? new Date(row.due_at) : null;
  const overdue = overdueAt(row.status, dueAt, now);
  const names = label({ status: row.status, category: row.category_name, overdue, reference: row.reference });
  return {
    type: 'Feature' as const,
    id: row.reference,
    geometry: { type: 'Point' as const, coordinates: [row.lon, row.lat] },
    properties: {
      reference: row.reference,
      category: { code: row.category_code, name: names.category },
      status: row.status,
      statusLabel: names.status,
      title: names.title,
      date: new Date(row.created_at).toISOString().slice(0, 10),
      overdue,
      url: `/admin/meldungen/${Number(row.id)}`,
    },
  };
}

export interface StaffQuestion {
  code: string;
  label: Localised;
  values?: { key: string; name: Localised }[];
}

export interface StaffAnswer {
  code: string;
  label: Localised | null;
  /** Chosen list entries' names, or the value itself. */
  value: Localised | string;
}

function presentAnswers(questions: unknown, answers: Record<string, unknown>): StaffAnswer[] {
  const list = Array.isArray(questions) ? (questions as StaffQuestion[]) : [];
  return Object.entries(answers ?? {})
    .filter(([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([code, v]) => {
      const q = list.find((x) => x.code === code);
      const values = (Array.isArray(v) ? v : [v]).map(String);
      const names = values.map((key) => q?.values?.find((x) => x.key === key)?.name);
      const value: Localised | string = names.every(Boolean)
        ? {
            de: names.map((n) => n!.de).join(', '),
            en: names.map((n) => n!.en ?? n!.de).join(', '),
          }
        : values.join(', ');
      return { code, label: q?.label ?? null, value };
    });
}

export interface StaffContact {
  name: string | null;
  email: string | null;
  phone: string | null;
  notifyEmail: boolean;
}

export interface StaffReport {
  id: number;
  reference: string;
  status: ReportStatus;
  categoryId: number;
  category: Localised;
  categoryGroup: Localised | null;
  description: string;
  publicDescription: string | null;
  descriptionPersonal: boolean;
  answers: StaffAnswer[];
  lat: number;
  lon: number;
  locationMethod: string;
  addressLabel: string | null;
  landmark: string | null;
  district: string | null;
  departmentId: number | null;
  department: string | null;
  suggestedDepartmentId: number | null;
  suggestedDepartment: string | null;
  externalBody: string | null;
  /** Undefined when the viewer may not see contact data. */
  contact?: StaffContact;
  language: string;
  needsScreening: boolean;
  abusive: boolean;
  hidden: boolean;
  mergedIntoId: number | null;
  mergedIntoReference: string | null;
  supporters: number;
  source: string;
  createdAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  anonymised: boolean;
}

export function presentStaffReport(row: StaffReportRow, now: Date, showContact: boolean): StaffReport {
  const dueAt = row.due_at ? new Date(row.due_at) : null;
  const id = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: Number(row.id),
    reference: row.reference,
    status: row.status,
    categoryId: Number(row.category_id),
    category: row.category_name,
    categoryGroup: row.parent_name,
    description: row.description,
    publicDescription: row.public_description,
    descriptionPersonal: row.description_personal,
    answers: presentAnswers(row.category_questions, row.answers),
    lat: row.lat,
    lon: row.lon,
    locationMethod: row.location_method,
    addressLabel: row.address_label,
    landmark: row.landmark,
    district: row.district_name,
    departmentId: id(row.department_id),
    department: row.department_name,
    suggestedDepartmentId: id(row.suggested_department_id),
    suggestedDepartment: row.suggested_department_name,
    externalBody: row.external_body_name,
    ...(showContact
      ? {
          contact: {
            name: row.reporter_name,
            email: row.reporter_email,
            phone: row.reporter_phone,
            notifyEmail: row.notify_email,
          },
        }
      : {}),
    language: row.language,
    needsScreening: row.needs_screening,
    abusive: row.abusive,
    hidden: row.hidden,
    mergedIntoId: id(row.merged_into_id),
    mergedIntoReference: row.merged_into_reference,
    supporters: row.supporter_count,
    source: row.source,
    createdAt: new Date(row.created_at),
    dueAt,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    overdue: overdueAt(row.status, dueAt, now),
    anonymised: row.anonymised_at !== null,
  };
}

export interface StaffEvent {
  id: number;
  kind: string;
  statusFrom: string | null;
  statusTo: string | null;
  public: boolean;
  publicNote: string | null;
  internalNote: string | null;
  department: string | null;
  externalBody: string | null;
  actor: string | null;
  at: Date;
}

export function presentStaffEvent(row: StaffEventRow): StaffEvent {
  return {
    id: Number(row.id),
    kind: row.kind,
    statusFrom: row.status_from,
    statusTo: row.status_to,
    public: row.public,
    publicNote: row.public_note,
    internalNote: row.internal_note,
    department: row.department_name,
    externalBody: row.external_body_name,
    actor: row.actor_name,
    at: new Date(row.created_at),
  };
}

export interface StaffPhoto {
  id: number;
  review: 'pending' | 'approved' | 'hidden';
  width: number;
  height: number;
}

export function presentStaffPhoto(row: StaffPhotoRow): StaffPhoto {
  return { id: Number(row.id), review: row.review, width: row.width, height: row.height };
}
