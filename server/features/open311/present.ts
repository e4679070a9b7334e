import type { Language } from '../../platform/i18n.js';
import type { Category, Question } from '../reports/core/categories.js';
import { isClosedStatus, type ReportStatus } from '../reports/core/statuses.js';
import type { LocalText, RequestRow } from '../reports/public/requests-service.js';
import { w3cDateTime } from './datetime.js';

/**
 * The only place rows become GeoReport v2 shapes. Field names and order follow the specification; JSON is the
 * Spark mapping of the XML (arrays for list containers, null for empty elements). Request answers are built from
 * public columns only: no reporter data, no internal note, no unapproved photo.
 */

const text = (t: Partial<LocalText> | null | undefined, lang: Language): string | null =>
  (t && (t[lang] || t.de || t.en)) || null;

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
  keywords: string | null;
  group: string | null;
}

export function presentService(
  category: Category,
  group: Category | undefined,
  keywords: string[],
  lang: Language,
): Open311Service {
  return {
    service_code: category.code,
    service_name: text(category.name, lang) ?? category.code,
    description: text(category.description, lang),
    metadata: category.questions.length > 0,
    type: 'realtime',
    keywords: keywords.length > 0 ? keywords.join(', ') : null,
    group: group ? text(group.name, lang) : null,
  };
}

const datatypeHints: Partial<Record<Question['datatype'], string>> = {
  number: 'datatype.number',
  datetime: 'datatype.datetime',
  singlevaluelist: 'datatype.singlevaluelist',
  multivaluelist: 'datatype.multivaluelist',
};

export function presentServiceDefinition(
  category: Category,
  lang: Language,
  t: (key: string) => string,
): { service_code: string; attributes: Record<string, unknown>[] } {
  const questions = [...category.questions].sort((a, b) => a.order - b.order);
  return {
    service_code: category.code,
    attributes: questions.map((q, i) => {
      const hint = datatypeHints[q.datatype];
      const listed = q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist';
      return {
        variable: true,
        code: q.code,
        datatype: q.datatype,
        required: q.required,
        datatype_description: text(q.hint, lang) ?? (hint ? t(`open311.${hint}`) : null),
        // Positive and unique per service, as the specification demands, whatever the stored order values are.
        order: i + 1,
        description: text(q.label, lang) ?? q.code,
        ...(listed ? { values: (q.values ?? []).map((v) => ({ key: v.key, name: text(v.name, lang) ?? v.key })) } : {}),
      };
    }),
  };
}

export interface PresentOptions {
  lang: Language;
  timeZone: string;
  publicUrl: string;
  /** The municipality's name, the last part of an address. */
  city: string;
  /** The `service_notice` text for a category's target in working days. */
  notice: (workingDays: number) => string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: number | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  extended_attributes?: {
    detailed_status: ReportStatus;
    status_history: { status: string; note: string | null; datetime: string }[];
    district: string | null;
    supporters: number;
  };
}

export function presentRequest(row: RequestRow, o: PresentOptions): Open311Request {
  const closed = isClosedStatus(row.status);
  const when = (d: Date | string) => w3cDateTime(new Date(d), o.timeZone);
  const request: Open311Request = {
    service_request_id: row.reference,
    status: closed ? 'closed' : 'open',
    status_notes: row.status_note,
    service_name: text(row.category_name, o.lang) ?? row.service_code,
    service_code: row.service_code,
    description: row.public_description,
    agency_responsible: (row.status === 'external' ? row.external_name : null) ?? row.department_name,
    service_notice: closed ? null : o.notice(row.target_working_days),
    requested_datetime: when(row.created_at),
    // "For requests with status=closed, this will be the date the request was closed."
    updated_datetime: when(closed && row.closed_at ? row.closed_at : row.updated_at),
    expected_datetime: row.due_at ? when(row.due_at) : null,
    // Street level only and no address id: a house number could point at the reporter's home.
    address: row.street ? `${row.street}, ${[row.postcode, o.city].filter(Boolean).join(' ')}` : null,
    address_id: null,
    zipcode: row.postcode,
    // Rounded by the reports service, as everywhere in public (about 10 m).
    lat: row.lat,
    long: row.lon,
    media_url: row.photo_id
      ? `${o.publicUrl.replace(/\/$/, '')}/meldungen/${encodeURIComponent(row.reference)}/fotos/${row.photo_id}`
      : null,
  };
  if (row.history !== undefined) {
    let status: string = 'received';
    request.extended_attributes = {
      detailed_status: row.status,
      status_history: (row.history ?? []).map((e) => {
        status = e.status_to ?? status;
        return { status, note: e.note, datetime: when(e.at) };
      }),
      district: row.district_name ?? null,
      supporters: row.supporter_count ?? 0,
    };
  }
  return request;
}

/** The answer to a created request (the specification's POST response item). */
export function presentCreated(reference: string, notice: string | null) {
  return { service_request_id: reference, service_notice: notice, account_id: null };
}
