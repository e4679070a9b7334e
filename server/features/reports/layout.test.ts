import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, production, roomRule, sourceFiles, writtenTables } from '../../test/layout.js';

// The house rules of the Mängelmelder (docs/ARCHITECTURE.md), checked on the source so they stay true:
// sub-slices import the core, never each other; the core imports no sub-slice; one queries file writes each table;
// Open311 has no SQL on report tables.

const reportsDir = dirname(fileURLToPath(import.meta.url));
const featuresDir = resolve(reportsDir, '..');
const subSlices = ['intake', 'public', 'backoffice', 'settings', 'notify', 'figures', 'retention', 'demo', 'alerts'];

/** Imports that break the rule: a sub-slice importing another one, or the core importing any. */
const forbiddenImports = roomRule(reportsDir, subSlices);

/** Which queries file may write each table (INSERT, UPDATE, DELETE). */
const owners: Record<string, string> = {
  reports: 'core/reports-queries.ts',
  report_events: 'core/events-queries.ts',
  report_photos: 'core/photos-queries.ts',
  report_supporters: 'core/supporters-queries.ts',
  report_categories: 'core/categories-queries.ts',
  report_routing_rules: 'core/routing-queries.ts',
  report_external_bodies: 'core/external-bodies-queries.ts',
  report_note_templates: 'core/note-templates-queries.ts',
  report_reference_counters: 'core/reference-queries.ts',
  report_notifications: 'core/notifications-queries.ts',
  report_fixed_answers: 'core/fixed-answers-queries.ts',
  report_digest_mails: 'notify/queries.ts',
  report_alerts: 'alerts/queries.ts',
  report_alert_deliveries: 'alerts/queries.ts',
  landmarks: 'core/landmarks-queries.ts',
  idempotent_requests: 'core/idempotency-queries.ts',
  report_draft_photos: 'intake/drafts-queries.ts',
};

describe('layout of the Mängelmelder', () => {
  it('finds a forbidden import when there is one (the check itself works)', () => {
    const file = join(reportsDir, 'intake', 'x.ts');
    expect(forbiddenImports(file, "import { a } from '../public/service.js';")).toEqual([
      `intake${sep}x.ts → public${sep}service.js`,
    ]);
    expect(
      forbiddenImports(join(reportsDir, 'core', 'x.ts'), "import { b } from '../notify/queries.js';"),
    ).toHaveLength(1);
    expect(forbiddenImports(file, "import { c } from '../core/events.js';\nimport { d } from './queries.js';")).toEqual(
      [],
    );
    expect(writtenTables("`UPDATE reports SET x = 1`; bulkInsert('report_events', c, r)")).toEqual([
      'reports',
      'report_events',
    ]);
  });

  it('sub-slices import the core and themselves, never each other; the core imports no sub-slice', () => {
    const broken = sourceFiles(reportsDir).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')));
    expect(broken).toEqual([]);
  });

  it('one queries file writes each table', () => {
    const files = production([...sourceFiles(reportsDir), ...sourceFiles(join(featuresDir, 'open311'))]);
    const strays: string[] = [];
    for (const file of files) {
      const rel = relative(reportsDir, file);
      for (const table of writtenTables(readFileSync(file, 'utf8'))) {
        const owner = owners[table];
        if (owner !== undefined && owner !== rel) strays.push(`${rel} writes ${table} (owner: ${owner})`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('Open311 has no SQL on report tables: it reads and writes through the reports services', () => {
    const files = production(sourceFiles(join(featuresDir, 'open311')));
    const sql = files.filter((f) =>
      /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:reports|report_[a-z_]+)\b/.test(readFileSync(f, 'utf8')),
    );
    expect(sql.map((f) => relative(featuresDir, f))).toEqual([]);
    const queries = files.flatMap((f) =>
      importsOf(f, readFileSync(f, 'utf8'))
        .filter((t) => t.startsWith(reportsDir) && /queries\.js$/.test(t))
        .map((t) => `${relative(featuresDir, f)} → ${relative(featuresDir, t)}`),
    );
    expect(queries).toEqual([]);
  });
});
