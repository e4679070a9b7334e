import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFromRoot } from '../../../platform/config.js';
import type { Queryable } from '../../../platform/db.js';
import type { Deps } from '../../../platform/deps.js';
import type { AuditActor } from '../../audit/service.js';
import { createDepartment, findDepartmentBySlug } from '../../departments/service.js';
import { forgetCachedCategories, forgetCachedReports } from '../core/cache.js';
import { importReportCategoriesInTx } from '../core/categories-import.js';
import { selectCategories } from '../core/categories-queries.js';
import { selectDistrictIdsByKey } from '../core/districts-queries.js';
import { insertExternalBody } from '../core/external-bodies-queries.js';
import { type LandmarkInput, saveLandmarks } from '../core/landmarks.js';
import { anyNoteTemplate, insertTemplate } from '../core/note-templates-queries.js';
import { insertRule } from '../core/routing-queries.js';
import { seedDemoReports } from './reports.js';

// From the source tree also when running the compiled server (dist/ has no data files).
const dataDir = resolveFromRoot('server', 'features', 'reports', 'data');
export const demoCategoriesFile = join(dataDir, 'bielefeld-categories.json');
export const demoLandmarksFile = join(dataDir, 'bielefeld-landmarks.json');
const demoFile = join(dataDir, 'bielefeld-demo.json');
const demoActor: AuditActor = { id: null, label: 'demo' };

/** Departments the demo categories name, created when missing (the staff demo usually made them already). */
const demoDepartments: Record<string, string> = {
  umweltbetrieb: 'Umweltbetrieb',
  'amt-fuer-verkehr': 'Amt für Verkehr',
  ordnungsamt: 'Ordnungsamt',
  'umweltamt-gruenflaechen': 'Umweltamt – Grünflächen',
  'amt-fuer-strassenbau-und-entwaesserung': 'Amt für Straßenbau und Entwässerung',
};

interface DemoFile {
  routingRules: { category: string; district: string | null; department: string; autoForward: boolean }[];
  externalBodies: { name: string; email?: string; phone?: string; website?: string }[];
  noteTemplates: { status: string; title: string; body: { de: string; en: string } }[];
}

async function ensureDepartments(tx: Queryable, deps: Deps): Promise<Map<string, number>> {
  const m = deps.config.municipality;
  const ids = new Map<string, number>();
  for (const [slug, name] of Object.entries(demoDepartments)) {
    const existing = await findDepartmentBySlug(tx, m.id, slug);
    const row =
      existing ??
      (await createDepartment(
        tx,
        { municipalityId: m.id, slug, name, email: `${slug}@${m.id}.example`, phone: m.contact.phone },
        demoActor,
      ));
    ids.set(slug, row.id);
  }
  return ids;
}

export interface ReportDemoResult {
  categories: number;
  landmarks: number;
  routingRules: number;
}

/**
 * The Mängelmelder's demo data for Bielefeld when the municipality has no categories yet: departments it needs,
 * the category tree (through the same import as `cli import report-categories`), landmarks, routing rules
 * (some automatic), external bodies and status-note templates, in one transaction. Returns undefined when
 * categories exist already.
 */
export async function seedReportDemo(deps: Deps): Promise<ReportDemoResult | undefined> {
  const municipalityId = deps.config.municipality.id;
  const result = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reports-demo:${municipalityId}`]);
    if ((await selectCategories(tx, municipalityId, true)).length > 0) return undefined;
    const departments = await ensureDepartments(tx, deps);
    const imported = await importReportCategoriesInTx(tx, deps, readFileSync(demoCategoriesFile), {
      municipalityId,
      actor: demoActor,
    });
    const landmarks = (JSON.parse(readFileSync(demoLandmarksFile, 'utf8')) as { landmarks: LandmarkInput[] }).landmarks;
    await saveLandmarks(tx, municipalityId, landmarks);
    const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoFile;
    const categories = new Map((await selectCategories(tx, municipalityId, true)).map((c) => [c.code, Number(c.id)]));
    const districts = await selectDistrictIdsByKey(tx, municipalityId);
    let routingRules = 0;
    for (const r of demo.routingRules) {
      const categoryId = categories.get(r.category);
      const departmentId = departments.get(r.department);
      const districtId = r.district === null ? null : districts.get(r.district);
      // A rule for a district the register lacks (tests without the demo districts) is left out.
      if (categoryId === undefined || departmentId === undefined || districtId === undefined) continue;
      // The categories are new (the seed runs only without categories), so no rule exists for them yet.
      await insertRule(tx, municipalityId, { categoryId, districtId, departmentId, autoForward: r.autoForward });
      routingRules++;
    }
    for (const b of demo.externalBodies) {
      const values = { email: null, phone: null, website: null, ...b, active: true };
      await insertExternalBody(tx, municipalityId, values);
    }
    if (!(await anyNoteTemplate(tx, municipalityId))) {
      for (const [sort, t] of demo.noteTemplates.entries()) {
        await insertTemplate(tx, municipalityId, { ...t, sort }, deps.now());
      }
    }
    await seedDemoReports(tx, deps);
    return { categories: imported.total, landmarks: landmarks.length, routingRules };
  });
  forgetCachedCategories();
  // The demo reports are bulk-inserted with their events, not through appendEvent.
  forgetCachedReports(municipalityId);
  return result;
}
