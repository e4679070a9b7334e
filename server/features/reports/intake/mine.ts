import type { Deps } from '../../../platform/deps.js';
import { hashStatusToken, looksLikeStatusToken, statusPathFor } from '../core/status-token.js';
import { selectReportsByTokenHashes } from './queries.js';

// "Meine Meldungen": the status links of reports sent from this browser, kept in the browser only (no account):
// localStorage with JavaScript (client/my-reports.ts), without it a cookie that only /meldungen/meine receives.

/** The cookie of the no-JavaScript list: status tokens, newest first, separated by dots. */
export const mineCookie = 'bs_mine';
/** Only the list's own pages receive the cookie: no other request carries the tokens. */
export const minePath = '/meldungen/meine';
/** At most this many links are kept (the cookie stays far below 4 KB: 30 × 44 characters). */
export const maxMine = 30;

/** The tokens of a cookie value (or a list given by the browser): well-formed, each once, at most `maxMine`. */
export function mineTokens(raw: string | readonly string[] | undefined): string[] {
  const parts = typeof raw === 'string' ? raw.split('.') : (raw ?? []);
  return [...new Set(parts.filter(looksLikeStatusToken))].slice(0, maxMine);
}

/** The list with this token first (added, or moved to the front); the oldest beyond `maxMine` drop out. */
export function withMine(tokens: readonly string[], token: string): string[] {
  return mineTokens([token, ...tokens.filter((t) => t !== token)]);
}

/** The list without this token. */
export function withoutMine(tokens: readonly string[], token: string): string[] {
  return tokens.filter((t) => t !== token);
}

export interface MyReport {
  token: string;
  statusPath: string;
  reference: string;
  status: string;
  category: { de: string; en: string };
  /** The reporter's own place label (nearest address, else the landmark). */
  place: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The reports of these status tokens with their current status, in the tokens' order. Tokens of unknown or
 * anonymised reports (their link is gone) are left out, so the caller can forget them.
 */
export async function listMyReports(deps: Deps, tokens: readonly string[]): Promise<MyReport[]> {
  const wanted = mineTokens(tokens);
  const byHash = new Map(wanted.map((t) => [hashStatusToken(t), t]));
  const rows = await selectReportsByTokenHashes(deps.db, deps.config.municipality.id, [...byHash.keys()]);
  const found = new Map(rows.map((r) => [byHash.get(r.status_token_hash) as string, r]));
  return wanted.flatMap((token) => {
    const r = found.get(token);
    if (!r) return [];
    return [
      {
        token,
        statusPath: statusPathFor(token),
        reference: r.reference,
        status: r.status,
        category: r.category_name,
        place: r.address_label ?? r.landmark,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ];
  });
}
