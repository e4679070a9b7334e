import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { notifyStatusJobName } from './events.js';
import { selectCreatedEvent } from './events-queries.js';
import {
  type ConfirmationRow,
  selectReporterConfirmation,
  updateReporterConfirmationMail,
  updateReporterEmailConfirmed,
} from './reports-queries.js';
import {
  selectSupporterConfirmation,
  updateSupporterConfirmationMail,
  updateSupporterEmailConfirmed,
} from './supporters-queries.js';

/*
 * Double opt-in. An address that came without a proof of work (the form without JavaScript) gets no receipt and
 * no status mail until its owner opens the signed link of one confirmation mail: token = kind, row id and an HMAC
 * of both with the address (lower-case, trimmed), so a changed or removed address invalidates it and nothing needs
 * storing. A report or support that passed the proof of work is confirmed at once.
 */

/** The job that sends one confirmation mail; enqueued with the report or supporter, in its transaction. */
export const confirmEmailJobName = 'reports.confirm-email';

export type ConfirmationKind = 'reporter' | 'supporter';
export interface ConfirmationTarget {
  kind: ConfirmationKind;
  id: number;
}

const prefixes: Record<ConfirmationKind, string> = { reporter: 'm', supporter: 'u' };

function signature(secret: string, t: ConfirmationTarget, email: string): string {
  const key = createHmac('sha256', secret).update('reports.email-confirmation').digest();
  return createHmac('sha256', key).update(`${t.kind}:${t.id}:${email.trim().toLowerCase()}`).digest('base64url');
}

/** The link token of a confirmation mail. */
export function emailConfirmationToken(secret: string, t: ConfirmationTarget, email: string): string {
  return `${prefixes[t.kind]}${t.id}-${signature(secret, t, email)}`;
}

/** The page path of a confirmation link. */
export function emailConfirmationPath(token: string): string {
  return `/meldungen/bestaetigen/${token}`;
}

const select = { reporter: selectReporterConfirmation, supporter: selectSupporterConfirmation };
const markConfirmed = { reporter: updateReporterEmailConfirmed, supporter: updateSupporterEmailConfirmed };
const markMail = { reporter: updateReporterConfirmationMail, supporter: updateSupporterConfirmationMail };

/** Enqueues the confirmation mail in the caller's transaction. */
export async function enqueueEmailConfirmation(deps: Deps, tx: Queryable, t: ConfirmationTarget): Promise<void> {
  await deps.jobs.enqueue(confirmEmailJobName, { ...t }, { tx });
}

/** Claims the confirmation mail of an unconfirmed address (at most once), or gives the claim back (`at` null). */
export function claimConfirmationMail(db: Queryable, t: ConfirmationTarget, at: Date | null): Promise<boolean> {
  return markMail[t.kind](db, t.id, at);
}

/** The address and state a target has now; undefined when it has no address any more. */
export function findConfirmationTarget(db: Queryable, t: ConfirmationTarget): Promise<ConfirmationRow | undefined> {
  return select[t.kind](db, t.id);
}

/** The target and its row of a well-formed token whose signature matches the stored address; else undefined. */
export async function findByConfirmationToken(
  deps: Deps,
  token: string,
): Promise<(ConfirmationTarget & { row: ConfirmationRow }) | undefined> {
  const m = /^([mu])([1-9]\d{0,15})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const target: ConfirmationTarget = { kind: m[1] === 'm' ? 'reporter' : 'supporter', id: Number(m[2]) };
  const row = await select[target.kind](deps.db, target.id);
  if (!row) return undefined;
  const expected = Buffer.from(signature(deps.config.sessionSecret, target, row.email));
  const given = Buffer.from(m[3] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ...target, row } : undefined;
}

/**
 * Confirms the address of a confirmation link; the reporter's receipt follows (its job, in the same transaction).
 * Returns the report's reference. Throws not_found for a token that is not (or no longer) valid.
 */
export async function confirmEmail(deps: Deps, token: string): Promise<{ reference: string }> {
  const found = await findByConfirmationToken(deps, token);
  if (!found) throw notFound('Confirmation');
  await deps.db.transaction(async (tx) => {
    if (!(await markConfirmed[found.kind](tx, found.id, deps.now()))) return;
    if (found.kind !== 'reporter') return;
    const eventId = await selectCreatedEvent(tx, found.id);
    if (eventId !== undefined) await deps.jobs.enqueue(notifyStatusJobName, { eventId }, { tx });
  });
  return { reference: found.row.reference };
}
