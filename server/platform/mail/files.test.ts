import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { unlessMissing } from './files.js';
import { createMailer } from './mailer.js';

let t: TestApp;
beforeAll(async () => {
  // The clock is pinned: file ages are set relative to it, never left to the file system's clock.
  t = await buildTestApp({ env: { MAIL_FILE_RETENTION_DAYS: '7' }, now: '2027-01-01T00:30:00+01:00' });
});
afterAll(() => t.close());

const day = 24 * 60 * 60 * 1000;

/** A file in DATA_DIR/mail last written `ageDays` before the test clock's now. */
function fileAged(name: string, ageDays: number): string {
  const dir = join(t.config.dataDir, 'mail');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, 'To: someone@example.org\n\nPersonal data\n');
  const at = new Date(t.deps.now().getTime() - ageDays * day);
  utimesSync(path, at, at);
  return path;
}

describe('mail.delete-old-files', () => {
  it('deletes .eml files past the retention period, keeps newer ones and everything else; dry run deletes nothing', async () => {
    const sent = await createMailer(t.config).send({ to: 'a@example.org', subject: 'Heute', text: 'Hallo' });
    // just written, by the test clock (the file system's clock is the real one)
    utimesSync(sent.file as string, t.deps.now(), t.deps.now());
    const old = [fileAged('old-1.eml', 8), fileAged('old-2.eml', 30)];
    const young = fileAged('young.eml', 6);
    const other = fileAged('notes.txt', 30);
    mkdirSync(join(t.config.dataDir, 'mail', 'folder.eml'), { recursive: true });

    const dry = await t.queue.runNow('mail.delete-old-files', {}, { dryRun: true, log: t.app.log });
    expect(dry).toEqual({ deleted: 2, kept: 2, more: false, dryRun: true });
    for (const path of [...old, young, other, sent.file!]) expect(existsSync(path), path).toBe(true);

    const run = await t.queue.runNow('mail.delete-old-files', {}, { dryRun: false, log: t.app.log });
    expect(run).toEqual({ deleted: 2, kept: 2, more: false });
    for (const path of old) expect(existsSync(path), path).toBe(false);
    for (const path of [young, other, sent.file!]) expect(existsSync(path), path).toBe(true);
    expect(existsSync(join(t.config.dataDir, 'mail', 'folder.eml'))).toBe(true);
  });

  it('follows the clock: the same files are due once the retention period has passed', async () => {
    const young = fileAged('later.eml', 6);
    t.clock.advance(2 * day);
    await t.queue.runNow('mail.delete-old-files', {}, { dryRun: false, log: t.app.log });
    expect(existsSync(young)).toBe(false);
  });

  it('passes over a file that is gone, but no other error of the file system', async () => {
    const file = fileAged('plain.txt', 0);
    expect(await unlessMissing(lstat(join(t.config.dataDir, 'mail', 'gone.eml')))).toBeUndefined();
    await expect(unlessMissing(lstat(join(file, 'below-a-file.eml')))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});
