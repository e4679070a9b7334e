import { Type as T, type TUnsafe } from '@sinclair/typebox';

/**
 * The one list of report statuses, in workflow order: received → forwarded → accepted → in_progress → done |
 * rejected | external. SQL builders pass these lists as `$n::text[]` parameters, views and schemas are built from
 * them, Open311 maps them to its open/closed; nothing else spells a status list out.
 */
export const reportStatuses = [
  'received',
  'forwarded',
  'accepted',
  'in_progress',
  'done',
  'rejected',
  'external',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** Statuses of a report still being worked on. */
export const openStatuses = [
  'received',
  'forwarded',
  'accepted',
  'in_progress',
] as const satisfies readonly ReportStatus[];
/** Statuses of a closed report (closed_at is set). */
export const closedStatuses = ['done', 'rejected', 'external'] as const satisfies readonly ReportStatus[];

export type OpenStatus = (typeof openStatuses)[number];
export type ClosedStatus = (typeof closedStatuses)[number];

/** True for strings that are a report status. */
export function isReportStatus(s: unknown): s is ReportStatus {
  return typeof s === 'string' && (reportStatuses as readonly string[]).includes(s);
}

/** True for the open statuses. */
export function isOpenStatus(s: string): s is OpenStatus {
  return (openStatuses as readonly string[]).includes(s);
}

/** True for the closed statuses. */
export function isClosedStatus(s: string): s is ClosedStatus {
  return (closedStatuses as readonly string[]).includes(s);
}

/** A TypeBox schema accepting exactly the statuses of a list (a union of one literal each), typed as them. */
export function statusSchema<S extends ReportStatus>(
  list: readonly S[],
  options: { description?: string } = {},
): TUnsafe<S> {
  return T.Unsafe<S>(
    T.Union(
      list.map((s) => T.Literal(s)),
      options,
    ),
  );
}
