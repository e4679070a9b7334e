import type { Queryable } from '../../../platform/db.js';
import type { BinKind, BinType } from './types.js';

// SQL of waste_bin_types: the only file that writes the table.

export interface BinTypeRow {
  id: number;
  key: string;
  kind: BinKind;
  name: BinType['name'];
  colour: string;
  sort: number;
}

export const binTypeColumns = 'id, key, kind, name, colour, sort';

/** The municipality's bin types, in their display order. */
export async function selectBinTypes(db: Queryable, municipalityId: string): Promise<BinTypeRow[]> {
  const { rows } = await db.query<BinTypeRow>(
    `SELECT ${binTypeColumns} FROM waste_bin_types WHERE municipality_id = $1 ORDER BY sort, key`,
    [municipalityId],
  );
  return rows;
}

export interface NewBinType {
  key: string;
  kind: BinKind;
  name: BinType['name'];
  colour: string;
  sort: number;
}

/** Inserts bin types, or updates kind, name, colour and sort of existing keys; returns all of them. */
export async function upsertBinTypes(
  tx: Queryable,
  municipalityId: string,
  types: NewBinType[],
): Promise<BinTypeRow[]> {
  const { rows } = await tx.query<BinTypeRow>(
    `INSERT INTO waste_bin_types (municipality_id, key, kind, name, colour, sort)
     SELECT $1, u.key, u.kind, u.name::jsonb, u.colour, u.sort
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS u(key, kind, name, colour, sort)
     ON CONFLICT (municipality_id, key) DO UPDATE
       SET kind = EXCLUDED.kind, name = EXCLUDED.name, colour = EXCLUDED.colour, sort = EXCLUDED.sort
     RETURNING ${binTypeColumns}`,
    [
      municipalityId,
      types.map((t) => t.key),
      types.map((t) => t.kind),
      types.map((t) => JSON.stringify(t.name)),
      types.map((t) => t.colour),
      types.map((t) => t.sort),
    ],
  );
  return rows;
}

/** True when the municipality has any bin type. */
export async function anyBinType(db: Queryable, municipalityId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM waste_bin_types WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
  return rows.length > 0;
}
