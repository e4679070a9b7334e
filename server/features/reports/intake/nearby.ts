import type { Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors } from '../../../platform/errors.js';
import { getCategoryByCode } from '../core/categories.js';
import { appendEvent } from '../core/events.js';
import {
  incrementSupporterCount,
  insertSupporter,
  selectOpenReportsInBox,
  selectReportForSupport,
} from '../core/reports-queries.js';
import { isOpenStatus } from '../core/statuses.js';
import { checkAltcha, markAltchaUsed } from './altcha.js';
import { cleanLine, errorKey, isEmail } from './validation.js';

/** An open report near a point, with public fields only (no contact data, no unmoderated text). */
export interface NearbyReport {
  reference: string;
  status: string;
  categoryCode: string;
  lat: number;
  lon: number;
  distanceMetres: number;
  addressLabel: string | null;
  /** The moderated public text, or null while none is approved. */
  description: string | null;
  supporterCount: number;
  createdAt: Date;
}

const earthRadius = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const nearbyLimit = 20;

/**
 * Open reports of the same category within `radiusMetres` (not hidden, not abusive, not merged), nearest first,
 * at most 20. A bounding box on the location index prefilters; the exact distance decides. [] for an unknown
 * category.
 */
export async function findNearbyOpenReports(
  deps: Deps,
  municipalityId: string,
  categoryCode: string,
  lat: number,
  lon: number,
  radiusMetres = 250,
): Promise<NearbyReport[]> {
  const radius = Math.min(Math.max(1, radiusMetres), 2000);
  let categoryId: number;
  try {
    categoryId = (await getCategoryByCode(deps, municipalityId, categoryCode)).id;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return [];
    throw err;
  }
  const dLat = (radius / (earthRadius * Math.PI)) * 180;
  const dLon = dLat / Math.max(0.01, Math.cos(rad(lat)));
  const rows = await selectOpenReportsInBox(
    deps.db,
    { municipalityId, categoryId, south: lat - dLat, north: lat + dLat, west: lon - dLon, east: lon + dLon },
    500,
  );
  return rows
    .map((r) => ({ r, d: haversineMetres(lat, lon, r.lat, r.lon) }))
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d)
    .slice(0, nearbyLimit)
    .map(({ r, d }) => ({
      reference: r.reference,
      status: r.status,
      categoryCode,
      lat: r.lat,
      lon: r.lon,
      distanceMetres: Math.round(d),
      addressLabel: r.address_label,
      description: r.public_description,
      supporterCount: r.supporter_count,
      createdAt: r.created_at,
    }));
}

export interface SupporterInput {
  email?: string;
  notifyEmail: boolean;
  language: 'de' | 'en';
  /** ALTCHA payload; optional (pages without JavaScript), but checked and used up when given. */
  proofOfWork?: string;
}

/**
 * "Das ist auch mein Anliegen": adds a supporter to an open report (supporter row, count + 1, an internal
 * 'supporter' event) in one transaction. Throws not_found (unknown, hidden or abusive report), conflict (closed or
 * merged), validation_failed (email, altcha).
 */
export async function addSupporter(
  deps: Deps,
  municipalityId: string,
  reference: string,
  input: SupporterInput,
): Promise<{ supporterCount: number }> {
  const errors: FieldErrors = {};
  const email = cleanLine(input.email) || null;
  if (email && !isEmail(email)) errors.email = errorKey('email_invalid');
  let signature: string | null = null;
  const pow = input.proofOfWork?.trim();
  if (pow) {
    const check = await checkAltcha(deps, pow);
    if (check.ok) signature = check.signature;
    else errors.altcha = errorKey(check.reason === 'expired' ? 'altcha_expired' : 'altcha_invalid');
  }
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The request has invalid fields', errors);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const report = await selectReportForSupport(tx, municipalityId, reference);
    if (!report || report.hidden || report.abusive) throw new AppError('not_found', 'Report not found');
    if (report.merged_into_id !== null || !isOpenStatus(report.status)) {
      throw new AppError('conflict', 'This report is closed and takes no supporters', {
        report: errorKey('report_closed'),
      });
    }
    if (signature && !(await markAltchaUsed(tx, signature, now))) {
      throw new AppError('validation_failed', 'The request has invalid fields', { altcha: errorKey('altcha_used') });
    }
    await insertSupporter(tx, {
      reportId: report.id,
      email,
      notifyEmail: input.notifyEmail && email !== null,
      language: input.language,
      at: now,
    });
    const supporterCount = await incrementSupporterCount(tx, report.id, now);
    await appendEvent(tx, { reportId: report.id, kind: 'supporter', public: false, at: now });
    return { supporterCount };
  });
}
