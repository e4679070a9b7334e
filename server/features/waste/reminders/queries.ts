import type { Queryable } from '../../../platform/db.js';
import type { ReminderMode } from './slots.js';

// The one owner of waste_reminders: SQL only, no rules. Also the slot's read model (reminders × addresses ×
// collections) that the run hands to the push engine as one INSERT … SELECT.

export interface ReminderRow {
  id: number;
  subscriptionId: number;
  addressId: number;
  binTypeKeys: string[];
  mode: ReminderMode;
  hour: number;
  minute: number;
  language: string;
  createdAt: Date;
}

const columnsOf = (r: string) => `${r}id::int AS id, ${r}subscription_id::int AS "subscriptionId",
  ${r}address_id::int AS "addressId", ${r}bin_type_keys AS "binTypeKeys", ${r}mode, ${r}hour, ${r}minute,
  ${r}language, ${r}created_at AS "createdAt"`;
const columns = columnsOf('');

export interface ReminderWrite {
  binTypeKeys: string[];
  mode: ReminderMode;
  hour: number;
  minute: number;
  language: string;
}

/**
 * Inserts the reminder of (subscription, address), or replaces its choices and manage token when one exists
 * (subscribing again from the page renews the link). Returns the row.
 */
export async function upsertReminder(
  tx: Queryable,
  municipalityId: string,
  r: ReminderWrite & { subscriptionId: number; addressId: number; nonce: string; tokenHash: string; now: Date },
): Promise<ReminderRow> {
  const { rows } = await tx.query<ReminderRow>(
    `INSERT INTO waste_reminders (municipality_id, subscription_id, address_id, bin_type_keys, mode, hour, minute,
                                  language, token_nonce, manage_token_hash, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (subscription_id, address_id) DO UPDATE
        SET bin_type_keys = EXCLUDED.bin_type_keys, mode = EXCLUDED.mode, hour = EXCLUDED.hour,
            minute = EXCLUDED.minute, language = EXCLUDED.language, token_nonce = EXCLUDED.token_nonce,
            manage_token_hash = EXCLUDED.manage_token_hash, updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [
      municipalityId,
      r.subscriptionId,
      r.addressId,
      r.binTypeKeys,
      r.mode,
      r.hour,
      r.minute,
      r.language,
      r.nonce,
      r.tokenHash,
      r.now,
    ],
  );
  return rows[0]!;
}

/** The reminder a manage token's hash belongs to, with its address as one line ("Herforder Straße 22a"). */
export async function findReminderByTokenHash(
  db: Queryable,
  municipalityId: string,
  tokenHash: string,
): Promise<(ReminderRow & { addressLabel: string }) | undefined> {
  const { rows } = await db.query<ReminderRow & { addressLabel: string }>(
    `SELECT ${columnsOf('r.')},
            trim(a.street || ' ' || a.house_number || a.house_number_suffix) AS "addressLabel"
       FROM waste_reminders r JOIN addresses a ON a.id = r.address_id
      WHERE r.municipality_id = $1 AND r.manage_token_hash = $2`,
    [municipalityId, tokenHash],
  );
  return rows[0];
}

/** Changes a reminder's choices; returns whether it exists. */
export async function updateReminder(
  tx: Queryable,
  municipalityId: string,
  id: number,
  r: ReminderWrite & { now: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE waste_reminders SET bin_type_keys = $3, mode = $4, hour = $5, minute = $6, language = $7, updated_at = $8
      WHERE municipality_id = $1 AND id = $2`,
    [municipalityId, id, r.binTypeKeys, r.mode, r.hour, r.minute, r.language, r.now],
  );
  return (rowCount ?? 0) > 0;
}

/** Deletes a reminder; returns its subscription id and how many reminders that subscription has left. */
export async function deleteReminder(
  tx: Queryable,
  municipalityId: string,
  id: number,
): Promise<{ subscriptionId: number; left: number } | undefined> {
  const { rows } = await tx.query<{ subscriptionId: number; left: number }>(
    `WITH d AS (DELETE FROM waste_reminders WHERE municipality_id = $1 AND id = $2 RETURNING subscription_id)
     SELECT d.subscription_id::int AS "subscriptionId",
            (SELECT count(*)::int FROM waste_reminders r WHERE r.subscription_id = d.subscription_id
               AND r.id <> $2) AS left
       FROM d`,
    [municipalityId, id],
  );
  return rows[0];
}

/** Active reminders of a municipality (usage figures). */
export async function countReminders(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM waste_reminders WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]!.n;
}

/** What the SELECT of a slot's messages needs; texts per language hold %BINS% and %ADDRESS% markers. */
export interface SlotSelectInput {
  municipalityId: string;
  slotKey: string;
  collectionDay: string;
  mode: ReminderMode;
  hour: number;
  minute: number;
  pads: { ipad: Buffer; opad: Buffer; label: string };
  manageUrlPrefix: string;
  texts: Record<string, { title: string; body: string }>;
  fallbackLanguage: string;
  ttl: number;
  urgency: string;
}

/**
 * The SELECT (for enqueuePushFromSelect) of a slot's messages: one row per reminder of the slot's mode and time
 * whose address has a chosen bin collected on the collection day, listing all those bins in the reminder's
 * language; the payload carries the manage link (HMAC computed here from the pads). Where seasons overlap, a later
 * season the address has a route in takes over (as in core's listCollections). The dedupe key holds the slot, the
 * reminder and a fingerprint of the day and bins: a repeated run enqueues nothing, while a run after an import
 * that changed the day's bins enqueues the corrected message, which replaces a pending one (same Topic).
 */
export function slotMessagesSelect(i: SlotSelectInput): { sql: string; params: unknown[] } {
  const sql = `
    WITH due AS (
      SELECT r.id, r.subscription_id, r.token_nonce, r.address_id,
             CASE WHEN $10::jsonb ? r.language THEN r.language ELSE $11 END AS lang,
             string_agg(coalesce(bt.name ->> r.language, bt.name ->> $11, bt.key), ', ' ORDER BY bt.sort, bt.key)
               AS bins,
             string_agg(bt.key, ',' ORDER BY bt.sort, bt.key) AS bin_keys
        FROM waste_reminders r
        JOIN waste_route_addresses ra ON ra.address_id = r.address_id AND ra.municipality_id = r.municipality_id
        JOIN waste_seasons s ON s.id = ra.season_id AND $3::date BETWEEN s.starts_on AND s.ends_on
        JOIN waste_bin_types bt ON bt.id = ra.bin_type_id AND bt.key = ANY (r.bin_type_keys)
        JOIN waste_collections c ON c.route_id = ra.route_id AND c.collection_date = $3::date
       WHERE r.municipality_id = $1 AND r.mode = $4 AND r.hour = $5 AND r.minute = $6
         AND NOT EXISTS (
           SELECT 1 FROM waste_route_addresses later JOIN waste_seasons ls ON ls.id = later.season_id
            WHERE later.address_id = ra.address_id AND later.municipality_id = ra.municipality_id
              AND later.bin_type_id = ra.bin_type_id AND ls.starts_on > s.starts_on
              AND $3::date BETWEEN ls.starts_on AND ls.ends_on)
       GROUP BY r.id
    )
    SELECT d.subscription_id,
           'waste:' || $2 || ':' || d.id || ':' || left(md5($3 || d.bin_keys), 8) AS dedupe_key,
           'waste' AS topic,
           'waste-' || d.id AS push_topic,
           jsonb_build_object(
             'title', replace($10::jsonb -> d.lang ->> 'title', '%BINS%', d.bins),
             'body', replace(replace($10::jsonb -> d.lang ->> 'body', '%BINS%', d.bins), '%ADDRESS%',
                       trim(a.street || ' ' || a.house_number || a.house_number_suffix)),
             'url', $9 || rtrim(translate(encode(
                       sha256($8::bytea || sha256($7::bytea || convert_to($12 || d.token_nonce, 'UTF8'))),
                       'base64'), '+/', '-_'), '='),
             'tag', 'waste-' || d.id) AS payload,
           $13::int AS ttl,
           $14::text AS urgency
      FROM due d JOIN addresses a ON a.id = d.address_id`;
  return {
    sql,
    params: [
      i.municipalityId,
      i.slotKey,
      i.collectionDay,
      i.mode,
      i.hour,
      i.minute,
      i.pads.ipad,
      i.pads.opad,
      i.manageUrlPrefix,
      JSON.stringify(i.texts),
      i.fallbackLanguage,
      i.pads.label,
      i.ttl,
      i.urgency,
    ],
  };
}

/** How many rows a slot's SELECT would queue (dry runs). */
export async function countSelected(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) s`, params);
  return rows[0]!.n;
}

/** The dedupe keys a slot's SELECT yields now (what stays queued when the slot runs again). */
export async function selectDedupeKeys(db: Queryable, sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await db.query<{ dedupe_key: string }>(`SELECT s.dedupe_key FROM (${sql}) s`, params);
  return rows.map((r) => r.dedupe_key);
}
