/** One column of a bulk insert: its name, its PostgreSQL type and how a row gives its value. */
export interface Column<R> {
  name: string;
  type: string;
  value: (row: R) => unknown;
  /** The column's type when the array carries another (jsonb travels as text). */
  cast?: string;
}

/** A date as the driver passes it inside an array parameter. */
export const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * `INSERT INTO table (…) SELECT … FROM unnest($1::t1[], $2::t2[], …) WITH ORDINALITY`: any number of rows in one
 * statement and one round trip, inserted in their order (so generated ids follow it). Append ON CONFLICT or
 * RETURNING to `sql` as needed.
 */
export function bulkInsert<R>(
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): { sql: string; params: unknown[] } {
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const values = columns.map((c) => (c.cast ? `u.${c.name}::${c.cast}` : `u.${c.name}`)).join(', ');
  return {
    sql: `INSERT INTO ${table} (${names})
     SELECT ${values} FROM unnest(${arrays}) WITH ORDINALITY AS u(${names}, ord) ORDER BY u.ord`,
    params: columns.map((c) => rows.map(c.value)),
  };
}
