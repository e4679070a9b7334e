import type { Deps } from '../../../platform/deps.js';
import { insertEvent, selectApplication, selectFiles, updateDelivery } from '../core/applications-queries.js';
import { FitConnectError } from '../core/fit-connect/client.js';
import { type DeliveryProgress, deliverSubmission } from '../core/fit-connect/delivery.js';
import { getFitConnectClient } from '../core/fit-connect/destinations.js';
import { queueNotices } from '../core/notify.js';
import { textsFor } from './texts.js';

// Delivering a stored application to its FIT-Connect destination: the ciphertexts as the applicant's browser (or our
// server) made them, with the progress saved after every step, so a retry resumes the same submission. A permanent
// refusal is recorded and the applicant is told to use paper; what may pass (network, 5xx) is the queue's to retry.

/** What `applications.delivery_state` holds for FIT-Connect: where to, how far, how it ended. */
export interface DeliveryState extends Partial<DeliveryProgress> {
  destinationId: string;
  leikaKey: string;
  serviceName: string;
  error?: { code: string; message: string; at: string };
  outcome?: 'accepted' | 'rejected';
  checkedAt?: string;
}

export type DeliveryOutcome = 'delivered' | 'skipped' | 'failed';

const progressOf = (s: DeliveryState): DeliveryProgress | undefined =>
  s.submissionId
    ? { submissionId: s.submissionId, caseId: s.caseId, uploaded: s.uploaded ?? [], submitted: !!s.submitted }
    : undefined;

/**
 * Delivers one application (skipped when it is gone, not for FIT-Connect, delivered or given up). Throws a
 * retryable FitConnectError unless `lastTry`, when it too counts as permanent: recorded, and the applicant told.
 */
export async function deliverApplication(
  deps: Deps,
  applicationId: string,
  lastTry: boolean,
): Promise<DeliveryOutcome> {
  const m = deps.config.municipality.id;
  const a = await selectApplication(deps.db, m, applicationId);
  const state = a?.deliveryState as DeliveryState | undefined;
  if (!a || !state || a.delivery !== 'fit-connect' || a.deliveredAt || state.error) return 'skipped';
  const client = getFitConnectClient(deps);
  try {
    if (!a.metadataJwe) throw new FitConnectError('fit_connect_ciphertext_invalid', 'the metadata is missing');
    const files = await selectFiles(deps.db, a.id);
    const done = await deliverSubmission(
      client,
      {
        destinationId: state.destinationId,
        leikaKey: state.leikaKey,
        serviceName: state.serviceName,
        encryptedData: a.dataJwe,
        encryptedMetadata: a.metadataJwe,
        attachments: files.map((f) => ({ id: f.id, jwe: f.jwe })),
      },
      {
        progress: progressOf(state),
        onProgress: (p) => updateDelivery(deps.db, a.id, { ...state, ...p }, null),
      },
    );
    await updateDelivery(deps.db, a.id, { ...state, ...done }, deps.now());
    return 'delivered';
  } catch (err) {
    if (!(err instanceof FitConnectError) || (err.retryable && !lastTry)) throw err;
    await giveUp(deps, a.id, err);
    return 'failed';
  }
}

/** Records why the delivery failed for good and tells the applicant (no content, only that paper is the way now). */
async function giveUp(deps: Deps, applicationId: string, err: FitConnectError): Promise<void> {
  const m = deps.config.municipality.id;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const a = await selectApplication(tx, m, applicationId, true);
    const state = a?.deliveryState as DeliveryState | undefined;
    if (!a || !state || a.deliveredAt || state.error) return;
    const error = { code: err.code, message: err.message, at: now.toISOString() };
    await updateDelivery(tx, a.id, { ...state, error }, null);
    const t = textsFor(deps, a.language);
    const eventId = await insertEvent(tx, m, {
      applicationId: a.id,
      status: null,
      sender: 'platform',
      message: t('applications.fitConnect.undeliverable'),
      now,
    });
    await queueNotices(tx, deps, m, {
      applicationId: a.id,
      eventId,
      reference: a.reference,
      status: null,
      language: a.language,
      notifyEmail: a.notifyEmail,
    });
  });
}
