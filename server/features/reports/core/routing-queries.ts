import type { Queryable } from '../../../platform/db.js';

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

export async function insertRule(tx: Queryable, municipalityId: string, r: RuleValues): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO report_routing_rules (municipality_id, category_id, district_id, department_id, auto_forward)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [municipalityId, r.categoryId, r.districtId, r.departmentId, r.autoForward],
  );
  return Number(rows[0]!.id);
}

export async function updateRule(tx: Queryable, id: number, r: RuleValues): Promise<void> {
  await tx.query(
    `UPDATE report_routing_rules SET category_id = $2, district_id = $3, department_id = $4, auto_forward = $5
     WHERE id = $1`,
    [id, r.categoryId, r.districtId, r.departmentId, r.autoForward],
  );
}

export async function deleteRule(tx: Queryable, id: number): Promise<void> {
  await tx.query('DELETE FROM report_routing_rules WHERE id = $1', [id]);
}

/** Categories a report can have (no groups), with their group's name, for rule and filter choices. */
export async function selectLeafCategories(
  db: Queryable,
  municipalityId: string,
): Promise<{ id: number; name: { de: string; en: string }; active: boolean }[]> {
  const { rows } = await db.query<{ id: number; name: { de: string; en: string }; active: boolean }>(
    `SELECT c.id, c.name, c.active FROM report_categories c
     WHERE c.municipality_id = $1 AND NOT EXISTS (SELECT 1 FROM report_categories k WHERE k.parent_id = c.id)
     ORDER BY c.active DESC, c.sort, c.name->>'de', c.id`,
    [municipalityId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The municipality's districts by name, for choices. */
export async function selectDistrictOptions(
  db: Queryable,
  municipalityId: string,
): Promise<{ id: number; name: string }[]> {
  const { rows } = await db.query<{ id: number; name: string }>(
    'SELECT id, name FROM districts WHERE municipality_id = $1 ORDER BY name, id',
    [municipalityId],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** Whether the id is a district of the municipality. */
export async function districtExists(db: Queryable, municipalityId: string, id: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM districts WHERE municipality_id = $1 AND id = $2', [
    municipalityId,
    id,
  ]);
  return rows.length > 0;
}

export interface ExternalBodyRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  active: boolean;
}

const bodyColumns = 'id, name, email, phone, website, active';

export async function selectExternalBodies(db: Queryable, municipalityId: string): Promise<ExternalBodyRow[]> {
  const { rows } = await db.query<ExternalBodyRow>(
    `SELECT ${bodyColumns} FROM report_external_bodies WHERE municipality_id = $1 ORDER BY active DESC, lower(name), id`,
    [municipalityId],
  );
  return rows;
}

export async function selectExternalBody(
  db: Queryable,
  municipalityId: string,
  id: number,
  forUpdate = false,
): Promise<ExternalBodyRow | undefined> {
  const { rows } = await db.query<ExternalBodyRow>(
    `SELECT ${bodyColumns} FROM report_external_bodies WHERE municipality_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [municipalityId, id],
  );
  return rows[0];
}

export async function externalBodyNameTaken(
  db: Queryable,
  municipalityId: string,
  name: string,
  exceptId?: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM report_external_bodies WHERE municipality_id = $1 AND lower(name) = lower($2)
       AND id IS DISTINCT FROM $3`,
    [municipalityId, name, exceptId ?? null],
  );
  return rows.length > 0;
}

export interface ExternalBodyValues {
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  active: boolean;
}

export async function insertExternalBody(
  tx: Queryable,
  municipalityId: string,
  b: ExternalBodyValues,
): Promise<ExternalBodyRow> {
  const { rows } = await tx.query<ExternalBodyRow>(
    `INSERT INTO report_external_bodies (municipality_id, name, email, phone, website, active)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${bodyColumns}`,
    [municipalityId, b.name, b.email, b.phone, b.website, b.active],
  );
  return rows[0]!;
}

export async function updateExternalBody(tx: Queryable, id: number, b: ExternalBodyValues): Promise<ExternalBodyRow> {
  const { rows } = await tx.query<ExternalBodyRow>(
    `UPDATE report_external_bodies SET name = $2, email = $3, phone = $4, website = $5, active = $6 WHERE id = $1
     RETURNING ${bodyColumns}`,
    [id, b.name, b.email, b.phone, b.website, b.active],
  );
  return rows[0]!;
}
