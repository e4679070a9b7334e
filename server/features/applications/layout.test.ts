import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { production, roomRule, sourceFiles } from '../../test/layout.js';

// The rooms of the online applications import the core and themselves, never each other; the core imports no room.
// (FIT-Connect is why the adapter sits in core/fit-connect/: forms encrypts for a destination's key, the fit-connect
// room delivers.)

const featureDir = dirname(fileURLToPath(import.meta.url));
const rooms = readdirSync(featureDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'core' && e.name !== 'data')
  .map((e) => e.name);
const forbiddenImports = roomRule(featureDir, rooms);

describe('layout of the online applications', () => {
  it('has rooms whose code imports only the core and themselves', () => {
    expect(rooms).toEqual(expect.arrayContaining(['fit-connect', 'forms', 'inbox']));
    const broken = production(sourceFiles(featureDir)).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')));
    expect(broken).toEqual([]);
  });
});
