import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterCommit } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import { upsertBinTypes } from '../core/bin-types-queries.js';
import { forgetWasteCaches } from '../core/cache.js';
import { standardBinTypes } from '../core/standard-bin-types.js';

// Bin types are set up once per municipality (a JSON file, or the standard set), before any dates are imported.

const nameSchema = T.Object({
  de: T.String({ minLength: 1, maxLength: 80 }),
  en: T.String({ minLength: 1, maxLength: 80 }),
});
export const binTypesFileSchema = T.Array(
  T.Object(
    {
      key: T.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
      kind: T.Union([T.Literal('bin'), T.Literal('event')]),
      name: nameSchema,
      colour: T.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
      sort: T.Integer({ minimum: 0, maximum: 10_000 }),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 100 },
);
export type BinTypesFile = Static<typeof binTypesFileSchema>;

/** Reads a bin types file (JSON array); throws validation_failed naming each bad field. */
export function parseBinTypes(text: string): BinTypesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'The file is not valid JSON', { file: 'not JSON' });
  }
  if (!Value.Check(binTypesFileSchema, data)) {
    const details: Record<string, string> = {};
    for (const e of Value.Errors(binTypesFileSchema, data)) details[e.path || 'file'] ??= e.message;
    throw new AppError('validation_failed', 'The bin types file is invalid', details);
  }
  const keys = data.map((b) => b.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new AppError('validation_failed', 'A key appears twice', { key: twice });
  return data;
}

/** Creates or updates bin types by key (the standard set when none are given); audited. Returns how many. */
export async function saveBinTypes(
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  types: BinTypesFile | 'standard',
  actor: AuditActor,
): Promise<number> {
  const m = deps.config.municipality.id;
  const list = types === 'standard' ? standardBinTypes : types;
  return deps.db.transaction(async (tx) => {
    const rows = await upsertBinTypes(tx, m, list);
    await recordAudit(tx, {
      municipalityId: m,
      actor,
      action: 'waste.bin_types',
      entityType: 'waste_bin_type',
      after: { keys: rows.map((r) => r.key) },
      at: deps.now(),
    });
    afterCommit(tx, () => forgetWasteCaches(m));
    return rows.length;
  });
}
