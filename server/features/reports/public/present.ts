import type { PublicEventRow } from '../core/events-queries.js';
import type { PhotoRef } from '../core/photos-queries.js';
import { publicCoordinate, streetOf } from '../core/visibility.js';
import type { PublicDetailRow, PublicReportRow } from './queries.js';
import type { MapReport } from './service.js';

// The public view of reports: what anyone may see. Names, contact data, the original text, internal notes,
// unapproved photos and free-text answers never appear here (the queries do not even select most of them).

type Lang = 'de' | 'en';
type Localised = { de?: string; en?: string };

const excerptLength = 160;

export const reportUrl = (reference: string) => `/meldungen/${encodeURIComponent(reference)}`;
export const photoUrl = (reference: string, id: number) => `${reportUrl(reference)}/fotos/${id}`;

const localised = (name: Localised, lang: Lang, fallback: string) => name[lang] ?? name.de ?? fallback;

/** The first words of the public text, cut at a word boundary. */
export function excerpt(text: string | null): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= excerptLength) return flat;
  const cut = flat.slice(0, excerptLength);
  const space = cut.lastIndexOf(' ');
  return `${(space > excerptLength / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:–-]+$/, '')} …`;
}

export interface PublicReportSummary {
  reference: string;
  url: string;
  category: { code: string; name: string };
  status: string;
  createdAt: string;
  closedAt: string | null;
  /** The moderated public text's beginning; null while staff have not released a text. */
  excerpt: string | null;
  district: { key: string; name: string } | null;
  /** Street level only, never a house number. */
  street: string | null;
  lat: number;
  lon: number;
  supporterCount: number;
}

export function presentPublicSummary(row: PublicReportRow, lang: Lang): PublicReportSummary {
  return {
    reference: row.reference,
    url: reportUrl(row.reference),
    category: { code: row.category_code, name: localised(row.category_name, lang, row.category_code) },
    status: row.status,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    excerpt: excerpt(row.public_description),
    district: row.district_key ? { key: row.district_key, name: row.district_name ?? row.district_key } : null,
    street: streetOf(row),
    lat: publicCoordinate(row.lat),
    lon: publicCoordinate(row.lon),
    supporterCount: row.supporter_count,
  };
}

export interface PublicAnswer {
  label: string;
  values: string[];
}

interface QuestionData {
  code?: unknown;
  datatype?: unknown;
  label?: Localised;
  values?: { key: string; name: Localised }[];
  order?: number;
  /** Set by the category's definition when even a list answer is personal. */
  personal?: boolean;
  public?: boolean;
}

const listTypes = new Set(['singlevaluelist', 'multivaluelist']);

/**
 * Answers anyone may see: only choices from a fixed list (kind of waste, …), in the reader's language. Free text,
 * numbers and dates (a licence plate, a time) are never public; nor is a list question marked `personal: true`
 * or `public: false`.
 */
export function publicAnswers(questions: unknown[], answers: Record<string, unknown>, lang: Lang): PublicAnswer[] {
  const out: PublicAnswer[] = [];
  const sorted = [...(questions as QuestionData[])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const q of sorted) {
    if (typeof q.code !== 'string' || !listTypes.has(String(q.datatype))) continue;
    if (q.personal === true || q.public === false) continue;
    const raw = answers[q.code];
    const keys = (Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw]).map(String);
    // Only keys the list defines: anything else is free text that slipped in and stays private.
    const values = keys
      .map((k) => q.values?.find((v) => v.key === k))
      .filter((v): v is { key: string; name: Localised } => !!v)
      .map((v) => localised(v.name, lang, v.key));
    if (values.length > 0) out.push({ label: localised(q.label ?? {}, lang, q.code), values });
  }
  return out;
}

export interface PublicEvent {
  kind: string;
  statusFrom: string | null;
  statusTo: string | null;
  note: string | null;
  at: string;
}

export interface PublicReportDetailView extends PublicReportSummary {
  /** The whole moderated public text (null: not released). */
  text: string | null;
  answers: PublicAnswer[];
  history: PublicEvent[];
  photos: { url: string; width: number; height: number }[];
}

export function presentPublicEvent(e: PublicEventRow): PublicEvent {
  return {
    kind: e.kind,
    statusFrom: e.status_from,
    statusTo: e.status_to,
    note: e.public_note,
    at: e.created_at.toISOString(),
  };
}

export function presentPublicDetail(
  report: PublicDetailRow,
  events: PublicEventRow[],
  photos: PhotoRef[],
  lang: Lang,
): PublicReportDetailView {
  return {
    ...presentPublicSummary(report, lang),
    text: report.public_description,
    answers: publicAnswers(report.category_questions ?? [], report.answers ?? {}, lang),
    history: events.map(presentPublicEvent),
    photos: photos.map((p) => ({ url: photoUrl(report.reference, p.id), width: p.width, height: p.height })),
  };
}

const dayMs = 24 * 60 * 60 * 1000;

/** A GeoJSON Feature (RFC 7946) of one report for the map: a point and what its marker links to. */
export function presentMapFeature(row: MapReport) {
  return {
    type: 'Feature' as const,
    id: row.reference,
    geometry: { type: 'Point' as const, coordinates: [publicCoordinate(row.lon), publicCoordinate(row.lat)] },
    properties: {
      reference: row.reference,
      category: row.category,
      status: row.status,
      date: new Date(row.day * dayMs).toISOString().slice(0, 10),
      url: reportUrl(row.reference),
    },
  };
}
