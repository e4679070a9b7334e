import { afterCommit, type Queryable } from '../../../platform/db.js';
import { forgetCachedReports } from './cache.js';
import { insertEvents } from './events-queries.js';

export const eventKinds = [
  'created',
  'status',
  'forwarded',
  'returned',
  'accepted',
  'external',
  'note',
  'merged',
  'supporter',
  'moderated',
  'photo',
  'abusive',
  'category',
  'anonymised',
  'not_fixed',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** The job that mails reporter and supporters about a public event; enqueued with the event, in its transaction. */
export const notifyStatusJobName = 'reports.notify-status';

export interface NewEvent {
  /** The report's municipality (the database refuses another). */
  municipalityId: string;
  reportId: number;
  kind: string;
  statusFrom?: string;
  statusTo?: string;
  /** Shown on the status link, the public page and Open311 (default false). */
  public?: boolean;
  publicNote?: string;
  internalNote?: string;
  departmentId?: number;
  externalBodyId?: number;
  /** The staff member; null or absent = the system (routing, retention). */
  actorId?: number | null;
  at: Date;
}

/**
 * Appends one event to a report's history in the caller's transaction and returns its id. Every change of a report
 * goes through here, so once the transaction commits the municipality's cached public answers are forgotten. It
 * does not enqueue notifications: whoever writes a public event enqueues `reports.notify-status` {eventId} in the
 * same transaction.
 */
export async function appendEvent(tx: Queryable, e: NewEvent): Promise<number> {
  const [id] = await insertEvents(tx, [
    {
      municipalityId: e.municipalityId,
      reportId: e.reportId,
      kind: e.kind,
      statusFrom: e.statusFrom ?? null,
      statusTo: e.statusTo ?? null,
      public: e.public ?? false,
      publicNote: e.publicNote ?? null,
      internalNote: e.internalNote ?? null,
      departmentId: e.departmentId ?? null,
      externalBodyId: e.externalBodyId ?? null,
      actorId: e.actorId ?? null,
      at: e.at,
    },
  ]);
  afterCommit(tx, () => forgetCachedReports(e.municipalityId));
  return id as number;
}
