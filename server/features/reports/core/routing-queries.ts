import type { Queryable } from '../../../platform/db.js';

// The one owner of report_routing_rules: category × district → department.

export interface RoutingRuleRow {
  id: number;
  category_id: number;
  category_name: { de: string; en: string };
  district_id: number | null;
  district_name: string | null;
  department_id: number;
  department_name: string;
  auto_forward: boolean;
}

const ruleSelect = `SELECT r.id, r.category_id, c.name AS category_name, r.district_id, d.name AS district_name,
    r.department_id, dep.name AS department_name, r.auto_forward
  FROM report_routing_rules r
  JOIN report_categories c ON c.id = r.category_id
  JOIN departments dep ON dep.id = r.department_id
  LEFT JOIN districts d ON d.id = r.district_id`;

/** Every rule of the municipality, by category, then "all districts" before the districts by name. */
export async function selectRules(db: Queryable, municipalityId: string): Promise<RoutingRuleRow[]> {
  const { rows } = await db.query<RoutingRuleRow>(
    `${ruleSelect} WHERE r.municipality_id = $1
     ORDER BY c.sort, c.name->>'de', r.district_id IS NOT NULL, d.name, r.id`,
    [municipalityId],
  );
  return rows;
}

/** One rule of the municipality (optionally locked), or undefined. */
export async function selectRule(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<RoutingRuleRow | undefined> {
  const { rows } = await db.query<RoutingRuleRow>(
    `${ruleSelect} WHERE r.municipality_id = $1 AND r.id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

/**
 * The rule for a category in a district: the district's own rule wins over the one for all districts. Rules that
 * name a deactivated department are skipped.
 */
export async function selectRuleFor(
  db: Queryable,
  municipalityId: string,
  categoryId: number,
  districtId: number | null,
): Promise<RoutingRuleRow | undefined> {
  const { rows } = await db.query<RoutingRuleRow>(
    `${ruleSelect} WHERE r.municipality_id = $1 AND r.category_id = $2 AND dep.active
       AND (r.district_id IS NULL OR r.district_id = $3)
     ORDER BY r.district_id IS NULL LIMIT 1`,
    [municipalityId, categoryId, districtId],
  );
  return rows[0];
}

/** Whether another rule has this category and district (NULL = all districts). */
export async function ruleKeyTaken(
  db: Queryable,
  categoryId: number,
  districtId: number | null,
  exceptId?: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM report_routing_rules
     WHERE category_id = $1 AND coalesce(district_id, 0) = coalesce($2::bigint, 0) AND id IS DISTINCT FROM $3`,
    [categoryId, districtId, exceptId ?? null],
  );
  return rows.length > 0;
}

export interface RuleValues {
  categoryId: number;
  districtId: number | null;
  departmentId: number;
  autoForward: boolean;
}

/** Inserts a rule; returns its id. */
export async function insertRule(tx: Queryable, municipalityId: string, r: RuleValues): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO report_routing_rules (municipality_id, category_id, district_id, department_id, auto_forward)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [municipalityId, r.categoryId, r.districtId, r.departmentId, r.autoForward],
  );
  return Number((rows[0] as { id: number }).id);
}

/** Changes a rule. */
export async function updateRule(tx: Queryable, id: number, r: RuleValues): Promise<void> {
  await tx.query(
    `UPDATE report_routing_rules SET category_id = $2, district_id = $3, department_id = $4, auto_forward = $5
     WHERE id = $1`,
    [id, r.categoryId, r.districtId, r.departmentId, r.autoForward],
  );
}

/** Deletes a rule. */
export async function deleteRule(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM report_routing_rules WHERE id = $1', [id]);
}
