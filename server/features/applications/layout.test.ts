import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, production, roomRule, sourceFiles, writtenTables } from '../../test/layout.js';

// The house rules of the online applications (docs/ARCHITECTURE.md), checked on the source: the rooms import the
// core and themselves, never each other; the core imports no room; other features are reached through their
// services, never their queries; one queries file writes each application table.

const applicationsDir = dirname(fileURLToPath(import.meta.url));
const featuresDir = resolve(applicationsDir, '..');
const rooms = ['forms', 'inbox', 'fit-connect'];

/** Imports that break the rule: a room importing another room or the feature root, or the core importing a room. */
const forbiddenImports = roomRule(applicationsDir, rooms);

// Imports that break the rule today and are being moved (the inbox test reads the document type the forms room
// sends; it belongs in the core). Each must still exist, so the list shrinks as they are fixed.
const knownBreaks: string[] = [];

/** Which queries file may write each table (INSERT, UPDATE, DELETE). */
const owners: Record<string, string> = {
  application_forms: 'core/forms-queries.ts',
  application_drafts: 'core/drafts-queries.ts',
  application_draft_files: 'core/drafts-queries.ts',
  applications: 'core/applications-queries.ts',
  application_files: 'core/applications-queries.ts',
  application_events: 'core/applications-queries.ts',
  application_reference_counters: 'core/applications-queries.ts',
  application_office_keys: 'core/office-keys-queries.ts',
  application_push_follows: 'core/push-follows-queries.ts',
  application_event_files: 'core/applications-queries.ts',
  application_office_departments: 'core/office-departments-queries.ts',
};

describe('layout of the online applications', () => {
  it('finds a forbidden import or write when there is one (the check itself works)', () => {
    const file = join(applicationsDir, 'inbox', 'x.ts');
    expect(forbiddenImports(file, "import { a } from '../forms/service.js';")).toEqual([
      `inbox${sep}x.ts → forms${sep}service.js`,
    ]);
    expect(forbiddenImports(file, "import { a } from '../demo.js';")).toHaveLength(1);
    expect(
      forbiddenImports(join(applicationsDir, 'core', 'x.ts'), "import { b } from '../fit-connect/client.js';"),
    ).toHaveLength(1);
    expect(
      forbiddenImports(file, "import { c } from '../core/catalogue.js';\nimport { d } from './service.js';"),
    ).toEqual([]);
    expect(writtenTables('`INSERT INTO application_events (…)`; `DELETE FROM application_drafts WHERE`')).toEqual([
      'application_events',
      'application_drafts',
    ]);
  });

  it('every folder is the core, the data or a room this test knows', () => {
    const folders = readdirSync(applicationsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => f !== 'core' && f !== 'data' && !rooms.includes(f))).toEqual([]);
  });

  it('rooms import the core and themselves, never each other; the core imports no room', () => {
    const broken = sourceFiles(applicationsDir).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')));
    expect(knownBreaks.filter((b) => !broken.includes(b))).toEqual([]);
    expect(broken.filter((b) => !knownBreaks.includes(b))).toEqual([]);
  });

  it('other features are reached through their services, never their queries files', () => {
    const strays = production(sourceFiles(applicationsDir)).flatMap((f) =>
      importsOf(f, readFileSync(f, 'utf8'))
        .filter((t) => t.startsWith(featuresDir + sep) && !t.startsWith(applicationsDir + sep))
        .filter((t) => /queries\.js$/.test(t))
        .map((t) => `${relative(featuresDir, f)} → ${relative(featuresDir, t)}`),
    );
    expect(strays).toEqual([]);
  });

  it('one queries file writes each application table, in the whole server', () => {
    const serverDir = resolve(featuresDir, '..');
    const strays: string[] = [];
    for (const file of production(sourceFiles(serverDir))) {
      for (const table of writtenTables(readFileSync(file, 'utf8'))) {
        const owner = owners[table];
        const rel = relative(applicationsDir, file).split(sep).join('/');
        if (owner !== undefined && owner !== rel)
          strays.push(`${relative(serverDir, file)} writes ${table} (owner: ${owner})`);
      }
    }
    expect(strays).toEqual([]);
  });
});
