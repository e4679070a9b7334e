import type { Queryable } from '../../../platform/db.js';

// application_push_follows: browsers that follow an application by push. Only this file writes the table.

export async function insertFollow(
  tx: Queryable,
  f: { municipalityId: string; applicationId: string; subscriptionId: number; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO application_push_follows (application_id, municipality_id, subscription_id, created_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [f.applicationId, f.municipalityId, f.subscriptionId, f.now],
  );
}

export async function selectFollowers(db: Queryable, applicationId: string): Promise<number[]> {
  const { rows } = await db.query<{ subscription_id: string }>(
    'SELECT subscription_id FROM application_push_follows WHERE application_id = $1',
    [applicationId],
  );
  return rows.map((r) => Number(r.subscription_id));
}
