import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import {
  type CategoryRow,
  selectCategories,
  selectCategoriesChangedAt,
  selectCategoryByCode,
  selectCategoryById,
  selectCategoryKeywords,
} from './categories-queries.js';

export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
export const datatypes: readonly Datatype[] = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
];

export interface Localised {
  de: string;
  en: string;
}

export interface Question {
  code: string;
  datatype: Datatype;
  required: boolean;
  label: Localised;
  hint?: Localised;
  values?: { key: string; name: Localised }[];
  order: number;
}

export interface Category {
  id: number;
  code: string;
  parentId: number | null;
  name: Localised;
  description: { de?: string; en?: string };
  questions: Question[];
  targetWorkingDays: number;
  retentionDaysAfterClose: number;
  defaultDepartmentId: number | null;
  sort: number;
  active: boolean;
}

/** A category with its children: groups have children, selectable categories have none. */
export interface CategoryNode extends Category {
  children: CategoryNode[];
}

function toCategory(row: CategoryRow): Category {
  const questions = (row.questions as Question[])
    .map((q, i) => ({ ...q, order: q.order ?? i }))
    .sort((a, b) => a.order - b.order);
  return {
    id: Number(row.id),
    code: row.code,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    name: row.name,
    description: row.description ?? {},
    questions,
    targetWorkingDays: row.target_working_days,
    retentionDaysAfterClose: row.retention_days_after_close,
    defaultDepartmentId: row.default_department_id === null ? null : Number(row.default_department_id),
    sort: row.sort,
    active: row.active,
  };
}

/** Puts a flat list in tree order: each group followed by its children (depth first, by sort then code). */
function treeOrder(list: Category[]): Category[] {
  const byParent = new Map<number | null, Category[]>();
  const ids = new Set(list.map((c) => c.id));
  for (const c of list) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const out: Category[] = [];
  const walk = (parent: number | null) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

/**
 * The municipality's active categories in tree order (each group directly followed by its children); a child of
 * an inactive group is left out with it. Use buildCategoryTree for the nested form, isSelectable for leaves.
 */
export async function listCategories(deps: Deps, municipalityId: string): Promise<Category[]> {
  return treeOrder((await selectCategories(deps.db, municipalityId)).map(toCategory));
}

/** Every category, inactive ones too (for staff views of old reports), in tree order. */
export async function listAllCategories(db: Queryable, municipalityId: string): Promise<Category[]> {
  return treeOrder((await selectCategories(db, municipalityId, true)).map(toCategory));
}

/** Nested form of a listCategories answer: top-level nodes with their children. */
export function buildCategoryTree(list: Category[]): CategoryNode[] {
  const nodes = new Map(list.map((c) => [c.id, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const c of list) {
    const node = nodes.get(c.id) as CategoryNode;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** True for categories a report can be filed under: no active children. */
export function isSelectable(category: Category, list: Category[]): boolean {
  return !list.some((c) => c.parentId === category.id);
}

/** The selectable categories of a list (leaves), in tree order: Open311 services. */
export function selectableCategories(list: Category[]): Category[] {
  return list.filter((c) => isSelectable(c, list));
}

/** The active category with this code. Throws not_found (also for inactive ones). */
export async function getCategoryByCode(deps: Deps, municipalityId: string, code: string): Promise<Category> {
  const row = await selectCategoryByCode(deps.db, municipalityId, code);
  if (!row?.active) throw notFound('Category');
  return toCategory(row);
}

/** A category by id, active or not (reports keep theirs). Throws not_found. */
export async function getCategoryById(db: Queryable, municipalityId: string, id: number): Promise<Category> {
  const row = await selectCategoryById(db, municipalityId, id);
  if (!row) throw notFound('Category');
  return toCategory(row);
}

/** The category's name in a language. */
export function categoryName(category: Pick<Category, 'name'>, lang: 'de' | 'en'): string {
  return category.name[lang] || category.name.de;
}

/** Keywords of the municipality's categories by code (the Open311 `keywords`; not part of the Category type). */
export function listCategoryKeywords(deps: Deps, municipalityId: string): Promise<Map<string, string[]>> {
  return selectCategoryKeywords(deps.db, municipalityId);
}

/** When a category of the municipality last changed (Open311's discovery changeset); null without categories. */
export function categoriesChangedAt(deps: Deps, municipalityId: string): Promise<Date | null> {
  return selectCategoriesChangedAt(deps.db, municipalityId);
}
