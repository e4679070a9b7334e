import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../../platform/deps.js';
import {
  insertEvent,
  selectApplication,
  selectAwaitingOutcome,
  updateDelivery,
  updateStatus,
} from '../core/applications-queries.js';
import { FitConnectError, type FitConnectEvent } from '../core/fit-connect/client.js';
import { fitConnectEnabled, getFitConnectClient } from '../core/fit-connect/destinations.js';
import { queueNotices } from '../core/notify.js';
import type { DeliveryState } from './deliver.js';
import { textsFor } from './texts.js';

// The office's answer from FIT-Connect's signed event log: an accept puts the application "in progress", a reject
// decides it with the office's reason. Each becomes one mailbox event (with push and mail), recorded in the delivery
// state in the same transaction, so a second poll finds it done.

/** Applications asked per run: each is one request, and a run should end well within the five-minute slot. */
export const pollBatchSize = 100;
const maxReasonLength = 2000;

export interface PollResult {
  checked: number;
  accepted: number;
  rejected: number;
  failed: number;
  [key: string]: number;
}

/** The reject's problems in words (the office's details, else their titles). */
const reasonOf = (e: Extract<FitConnectEvent, { type: 'reject-submission' }>) =>
  e.problems
    .map((p) => p.detail ?? p.title ?? '')
    .filter(Boolean)
    .join('; ')
    .slice(0, maxReasonLength);

/**
 * Reads the event log of up to `pollBatchSize` delivered applications without an outcome, least recently checked
 * first. Stops at the first failure that may pass (FIT-Connect unreachable); an event that does not verify is
 * logged and its application checked again next time.
 */
export async function pollOutcomes(deps: Deps, log: FastifyBaseLogger): Promise<PollResult> {
  const result: PollResult = { checked: 0, accepted: 0, rejected: 0, failed: 0 };
  if (!fitConnectEnabled(deps)) return result;
  const client = getFitConnectClient(deps);
  const m = deps.config.municipality.id;
  for (const row of await selectAwaitingOutcome(deps.db, m, pollBatchSize)) {
    const state = row.deliveryState as unknown as DeliveryState;
    let events: FitConnectEvent[];
    try {
      events = state.caseId ? await client.listEvents(state.caseId, state.destinationId) : [];
    } catch (err) {
      if (!(err instanceof FitConnectError)) throw err;
      result.failed++;
      log.warn({ code: err.code, reference: row.reference }, 'FIT-Connect event log not read');
      if (err.retryable) break;
      continue;
    }
    result.checked++;
    const outcome = events.find(
      (e) =>
        e.submissionId === state.submissionId && (e.type === 'accept-submission' || e.type === 'reject-submission'),
    );
    const recorded = await recordOutcome(deps, row.id, outcome);
    if (recorded === 'accepted') result.accepted++;
    if (recorded === 'rejected') result.rejected++;
  }
  return result;
}

/** Notes the check and, with an accept or reject, the new status and its mailbox event, once (the row is locked). */
async function recordOutcome(
  deps: Deps,
  applicationId: string,
  event: FitConnectEvent | undefined,
): Promise<'accepted' | 'rejected' | undefined> {
  const m = deps.config.municipality.id;
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const a = await selectApplication(tx, m, applicationId, true);
    const state = a?.deliveryState as DeliveryState | undefined;
    if (!a || !state || state.outcome) return undefined;
    const checked = { ...state, checkedAt: now.toISOString() };
    if (event?.type !== 'accept-submission' && event?.type !== 'reject-submission') {
      await updateDelivery(tx, a.id, checked, a.deliveredAt);
      return undefined;
    }
    const outcome = event.type === 'accept-submission' ? 'accepted' : 'rejected';
    const status = outcome === 'accepted' ? 'in_progress' : 'decided';
    const t = textsFor(deps, a.language);
    const reason = event.type === 'reject-submission' ? reasonOf(event) : '';
    const message =
      outcome === 'accepted'
        ? t('applications.fitConnect.accepted')
        : reason
          ? t('applications.fitConnect.rejected', { reason })
          : t('applications.fitConnect.rejectedNoReason');
    await updateDelivery(tx, a.id, { ...checked, outcome }, a.deliveredAt);
    await updateStatus(tx, a.id, status, now);
    const eventId = await insertEvent(tx, m, { applicationId: a.id, status, sender: 'office', message, now });
    await queueNotices(tx, deps, m, {
      applicationId: a.id,
      eventId,
      reference: a.reference,
      status,
      language: a.language,
      notifyEmail: a.notifyEmail,
    });
    return outcome;
  });
}
