import type { Deps } from '../../../platform/deps.js';
import { publicCoordinate } from '../core/visibility.js';
import { type RequestFilter, type RequestRow, selectRequests } from './requests-queries.js';

export type { HistoryJson, LocalText, RequestFilter, RequestRow } from './requests-queries.js';

/**
 * Public reports as service requests (Open311 GET requests), newest first: only what the public may see (screened,
 * not hidden, abusive or merged), with rounded coordinates and the address at street level; the latest public
 * note, the first approved photo and, when `extended`, the public history, district and supporter count.
 */
export async function listPublicRequests(deps: Deps, filter: RequestFilter): Promise<RequestRow[]> {
  const rows = await selectRequests(deps.db, filter);
  return rows.map((row) => ({ ...row, lat: publicCoordinate(row.lat), lon: publicCoordinate(row.lon) }));
}
