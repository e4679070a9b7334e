import { type Static, Type as T, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { type AuditActor, recordAudit } from '../../audit/service.js';
import { findDepartmentBySlug } from '../../departments/service.js';
import { forgetCachedCategories, forgetCachedReports } from './cache.js';
import { datatypes } from './categories.js';
import { type CategoryRow, selectCategories, upsertCategoryRow } from './categories-queries.js';

const localised = T.Object({
  de: T.String({ minLength: 1, maxLength: 200 }),
  en: T.String({ minLength: 1, maxLength: 200 }),
});
const optionalText = T.Object({
  de: T.Optional(T.String({ maxLength: 2000 })),
  en: T.Optional(T.String({ maxLength: 2000 })),
});
const code = T.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });

const questionSchema = T.Object(
  {
    code: T.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }),
    datatype: T.Union(datatypes.map((d) => T.Literal(d))),
    required: T.Boolean(),
    label: localised,
    hint: T.Optional(localised),
    values: T.Optional(
      T.Array(T.Object({ key: T.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }), name: localised }), {
        maxItems: 100,
      }),
    ),
    order: T.Optional(T.Integer()),
  },
  { additionalProperties: false },
);

interface CategoryFileNode {
  code: string;
  name: { de: string; en: string };
  description?: { de?: string; en?: string };
  keywords?: string[];
  questions?: Static<typeof questionSchema>[];
  targetWorkingDays?: number;
  retentionDaysAfterClose?: number;
  defaultDepartment?: string | null;
  sort?: number;
  active?: boolean;
  children?: CategoryFileNode[];
}

const nodeSchema: TSchema = T.Recursive((self) =>
  T.Object(
    {
      code,
      name: localised,
      description: T.Optional(optionalText),
      keywords: T.Optional(T.Array(T.String({ maxLength: 100 }), { maxItems: 50 })),
      questions: T.Optional(T.Array(questionSchema, { maxItems: 20 })),
      targetWorkingDays: T.Optional(T.Integer({ minimum: 1, maximum: 365 })),
      retentionDaysAfterClose: T.Optional(T.Integer({ minimum: 1, maximum: 3650 })),
      defaultDepartment: T.Optional(T.Union([T.String({ minLength: 1 }), T.Null()])),
      sort: T.Optional(T.Integer()),
      active: T.Optional(T.Boolean()),
      children: T.Optional(T.Array(self, { maxItems: 200 })),
    },
    { additionalProperties: false },
  ),
);
export const categoryFileSchema = T.Object({ categories: T.Array(nodeSchema, { minItems: 1, maxItems: 200 }) });

export interface CategoryImportResult {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

function parseFile(content: Buffer | string): CategoryFileNode[] {
  let data: unknown;
  try {
    data = JSON.parse(content.toString());
  } catch {
    throw new AppError('validation_failed', 'The category file is not valid JSON');
  }
  if (!Value.Check(categoryFileSchema, data)) {
    const problems = [...Value.Errors(categoryFileSchema, data)]
      .slice(0, 10)
      .map((e) => `${e.path || '/'}: ${e.message}`);
    throw new AppError('validation_failed', `The category file is invalid:\n${problems.join('\n')}`);
  }
  const nodes = (data as { categories: CategoryFileNode[] }).categories;
  const seen = new Set<string>();
  const walk = (list: CategoryFileNode[]) => {
    for (const n of list) {
      if (seen.has(n.code)) throw new AppError('validation_failed', `Category code ${n.code} appears twice`);
      seen.add(n.code);
      const qs = new Set<string>();
      for (const q of n.questions ?? []) {
        if (qs.has(q.code)) throw new AppError('validation_failed', `Question ${q.code} appears twice in ${n.code}`);
        qs.add(q.code);
        const isList = q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist';
        if (isList !== Boolean(q.values?.length)) {
          throw new AppError(
            'validation_failed',
            `Question ${q.code} in ${n.code}: list questions need values, others none`,
          );
        }
      }
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return nodes;
}

const comparable = (r: CategoryRow) => JSON.stringify({ ...r, id: undefined });

/**
 * Imports a category tree (JSON: {categories: [{code, name{de,en}, …, children: […]}]}) in one transaction:
 * upsert by code, departments by slug, one audit entry per new or changed category. Categories missing from the
 * file stay as they are (deactivate them with "active": false). Throws validation_failed with the first problems.
 */
export async function importReportCategoriesInTx(
  tx: Queryable,
  deps: Deps,
  content: Buffer | string,
  options: { municipalityId: string; actor: AuditActor },
): Promise<CategoryImportResult> {
  const nodes = parseFile(content);
  const { municipalityId, actor } = options;
  const before = new Map((await selectCategories(tx, municipalityId, true)).map((r) => [r.code, r]));
  const result: CategoryImportResult = { total: 0, inserted: 0, updated: 0, unchanged: 0 };
  const now = deps.now();
  const save = async (n: CategoryFileNode, parentId: number | null) => {
    let departmentId: number | null = null;
    if (n.defaultDepartment) {
      const d = await findDepartmentBySlug(tx, municipalityId, n.defaultDepartment);
      if (!d)
        throw new AppError('validation_failed', `Category ${n.code}: no department with key ${n.defaultDepartment}`);
      departmentId = d.id;
    }
    const old = before.get(n.code);
    const row = await upsertCategoryRow(
      tx,
      {
        municipalityId,
        code: n.code,
        parentId,
        name: n.name,
        description: n.description ?? {},
        keywords: n.keywords ?? [],
        questions: (n.questions ?? []).map((q, i) => ({ ...q, order: q.order ?? i + 1 })),
        targetWorkingDays: n.targetWorkingDays ?? 10,
        retentionDaysAfterClose: n.retentionDaysAfterClose ?? 91,
        defaultDepartmentId: departmentId,
        sort: n.sort ?? 0,
        active: n.active ?? true,
      },
      now,
    );
    result.total++;
    const changed = !old || comparable(old) !== comparable(row);
    if (!old) result.inserted++;
    else if (changed) result.updated++;
    else result.unchanged++;
    if (changed) {
      await recordAudit(tx, {
        municipalityId,
        actor,
        action: old ? 'report_category.update' : 'report_category.create',
        entityType: 'report_category',
        entityId: row.id,
        ...(old ? { before: old } : {}),
        after: row,
        at: now,
      });
    }
    for (const child of n.children ?? []) await save(child, Number(row.id));
  };
  for (const n of nodes) await save(n, null);
  return result;
}

/** importReportCategoriesInTx in a transaction of its own. */
export async function importReportCategories(
  deps: Deps,
  content: Buffer | string,
  options: { municipalityId: string; actor: AuditActor },
): Promise<CategoryImportResult> {
  const result = await deps.db.transaction((tx) => importReportCategoriesInTx(tx, deps, content, options));
  forgetCachedCategories();
  // Category names and the filter choices are part of the public report answers too.
  forgetCachedReports(options.municipalityId);
  return result;
}
