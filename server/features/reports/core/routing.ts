import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import { selectLeafCategories } from './categories-queries.js';
import { selectDistrictOptions } from './districts-queries.js';
import { selectRuleFor } from './routing-queries.js';

/**
 * The department responsible for a category in a district, and whether reports go there without a BSC step:
 * the district's own rule wins over the one for all districts; rules naming a deactivated department are skipped.
 * Undefined when no rule matches.
 */
export async function findRoutingFor(
  db: Queryable,
  municipalityId: string,
  categoryId: number,
  districtId: number | null,
): Promise<{ departmentId: number; autoForward: boolean } | undefined> {
  const rule = await selectRuleFor(db, municipalityId, categoryId, districtId);
  return rule && { departmentId: Number(rule.department_id), autoForward: rule.auto_forward };
}

/** The municipality's districts (id, name) for choices (rule forms, the inbox filter). */
export function listDistrictOptions(deps: Deps) {
  return selectDistrictOptions(deps.db, deps.config.municipality.id);
}

/** Selectable categories (no groups) for choices (rule forms, the inbox filter). */
export function listLeafCategories(deps: Deps) {
  return selectLeafCategories(deps.db, deps.config.municipality.id);
}
