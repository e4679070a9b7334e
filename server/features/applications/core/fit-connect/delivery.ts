import { type FitConnectClient, leistungsschluessel, refused } from './client.js';
import { assertCiphertext, FitConnectError } from './encrypt.js';

// Delivering one submission through FIT-Connect (create, upload each attachment, submit), resumable: the caller
// persists the progress after every step, so a retry after a failure goes on where it stopped.

/** How far a delivery got; the caller stores it after every step and passes it back on retry. */
export interface DeliveryProgress {
  submissionId?: string;
  caseId?: string;
  uploaded: string[];
  submitted: boolean;
}

export interface Delivery {
  destinationId: string;
  /** The Leistungsschlüssel, 14 digits or its URN. */
  leikaKey: string;
  serviceName: string;
  encryptedData: string;
  encryptedMetadata: string;
  attachments: { id: string; jwe: string }[];
}

/**
 * Creates the submission, uploads each attachment and submits, calling `onProgress` after each step. Given the
 * progress of an earlier try, it neither creates a second submission nor uploads an attachment again. Every
 * ciphertext is checked against the destination's current key before anything is sent. Throws FitConnectError;
 * only `retryable` ones are worth another try with the stored progress.
 */
export async function deliverSubmission(
  client: FitConnectClient,
  delivery: Delivery,
  options: { progress?: DeliveryProgress; onProgress?: (progress: DeliveryProgress) => void | Promise<void> } = {},
): Promise<Required<DeliveryProgress>> {
  const progress: DeliveryProgress = {
    ...(options.progress ?? { submitted: false }),
    uploaded: [...(options.progress?.uploaded ?? [])],
  };
  const save = async () => options.onProgress?.({ ...progress, uploaded: [...progress.uploaded] });
  const done = () => progress as Required<DeliveryProgress>;
  if (progress.submitted && progress.submissionId && progress.caseId) return done();

  const destination = await client.findDestination(delivery.destinationId);
  if (!destination) throw refused('FIT-Connect destination not found', { status: 404 });
  if (destination.status !== 'active') throw refused(`FIT-Connect destination is ${destination.status}, not active`);
  const kid = destination.encryptionKid;
  assertCiphertext(delivery.encryptedMetadata, kid, 'metadata');
  assertCiphertext(delivery.encryptedData, kid, 'data');
  for (const a of delivery.attachments) assertCiphertext(a.jwe, kid, 'attachment');

  if (!progress.submissionId || !progress.caseId) {
    const identifier = `urn:de:fim:leika:leistung:${leistungsschluessel(delivery.leikaKey)}`;
    const created = await client.createSubmission({
      destinationId: delivery.destinationId,
      serviceType: { identifier, name: delivery.serviceName },
      announcedAttachments: delivery.attachments.map((a) => a.id),
    });
    Object.assign(progress, { submissionId: created.submissionId, caseId: created.caseId, uploaded: [] });
    await save();
  }
  const { submissionId, caseId } = progress as Required<DeliveryProgress>;
  for (const a of delivery.attachments) {
    if (progress.uploaded.includes(a.id)) continue;
    await client.uploadAttachment(submissionId, a.id, a.jwe);
    progress.uploaded.push(a.id);
    await save();
  }
  try {
    await client.submit(submissionId, {
      encryptedMetadata: delivery.encryptedMetadata,
      encryptedData: delivery.encryptedData,
    });
  } catch (err) {
    // A submit whose answer was lost is refused when repeated; the signed event log tells whether it went through.
    if (!(err instanceof FitConnectError) || err.code !== 'fit_connect_refused') throw err;
    const events = await client.listEvents(caseId, delivery.destinationId);
    if (!events.some((e) => e.type === 'submit-submission' && e.submissionId === submissionId)) throw err;
  }
  progress.submitted = true;
  await save();
  return done();
}
