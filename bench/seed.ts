/**
 * Seed and photo benchmark (`npm run bench:seed`): the speed limits that used to be test assertions. On an in-memory
 * PGlite, migrated like a fresh install, it times (a) the whole demo seed (districts, addresses, staff, categories,
 * about 200 reports, the waste calendar), (b) the demo reports alone, and the waste calendar alone, seeded anew three times in a rolled-back transaction, and (c)
 * processPhoto on a 3000 × 2000 camera JPEG and on a decompression bomb (rejected by its header). Prints figures and
 * ratios against the targets; the key ratio (reports reseed ÷ target) is the last line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { seedDemoIfEmpty } from '../server/features/demo/service.js';
import { PhotoError, processPhoto } from '../server/features/reports/core/photos.js';
import { seedDemoReports } from '../server/features/reports/demo/reports.js';
import { today } from '../server/features/waste/core/dates.js';
import { seedWasteDemoInTx } from '../server/features/waste/demo/seed.js';
import { jobDefinitions } from '../server/jobs.js';
import { loadConfig } from '../server/platform/config.js';
import { openPglite } from '../server/platform/db.js';
import type { Deps } from '../server/platform/deps.js';
import { createQueue } from '../server/platform/jobs/queue.js';
import { migrate } from '../server/platform/migrate.js';
import { upsertMunicipality } from '../server/platform/municipality.js';
import { withoutReports } from '../server/test/factories/demo-reports.js';
import { pngBomb } from '../server/test/factories/png-bomb.js';
import { fmt, median } from './lib.js';

const targets = { seedMs: 60_000, reseedMs: 2000, bombMs: 2000 };
const rounds = 3;

console.log('# Bürgerservice seed and photo benchmark');
const config = loadConfig({
  NODE_ENV: 'development',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'bs-bench-seed-')),
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  DEMO_DATA: 'true',
  LOG_LEVEL: 'silent',
});
const db = await openPglite('memory://');
await migrate(db);
await upsertMunicipality(db, config.municipality);
const now = () => new Date();
const deps: Deps = { config, db, jobs: createQueue({ config, db, now }, jobDefinitions), now };

// (a) The whole demo seed, as the first start of a demo installation runs it.
let started = performance.now();
await seedDemoIfEmpty(deps, pino({ level: 'silent' }), () => undefined);
const seedMs = performance.now() - started;
console.log(`whole demo seed: ${fmt(seedMs / 1000, 2)} s (target < ${targets.seedMs / 1000} s)`);

// (b) The demo reports alone: removed and seeded again inside a transaction that is rolled back.
const m = config.municipality.id;
const reseeds: number[] = [];
let reports = 0;
for (let i = 0; i < rounds; i++) {
  await withoutReports(db, m, async (tx) => {
    started = performance.now();
    reports = (await seedDemoReports(tx, deps))?.reports ?? 0;
    reseeds.push(performance.now() - started);
  });
}
const reseedMs = median(reseeds);
console.log(`demo reports (${reports}) seeded anew: median ${fmt(reseedMs, 0)} ms of ${rounds}`);

// (b2) The waste calendar alone (two seasons, routes for every address, dates): seeded anew in a rolled-back
// transaction.
const wasteTimes: number[] = [];
let waste = { collections: 0, assignments: 0 };
for (let i = 0; i < rounds; i++) {
  await db
    .transaction(async (tx) => {
      await tx.query('DELETE FROM waste_route_addresses WHERE municipality_id = $1', [m]);
      await tx.query('DELETE FROM waste_collections WHERE municipality_id = $1', [m]);
      await tx.query('DELETE FROM waste_routes WHERE municipality_id = $1', [m]);
      started = performance.now();
      waste = await seedWasteDemoInTx(
        tx,
        m,
        config.municipality.holidayRegion,
        today(now(), config.municipality.timeZone),
      );
      wasteTimes.push(performance.now() - started);
      throw new Error('rollback');
    })
    .catch(() => undefined);
}
console.log(
  `waste calendar (${waste.collections} dates, ${waste.assignments} address routes) seeded anew: median ${fmt(median(wasteTimes), 0)} ms of ${rounds}`,
);

// (c) Photos: a camera picture is stripped, turned and shrunk; a bomb is refused before it is decoded.
const camera = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c33' } })
  .withMetadata({ orientation: 6 })
  .jpeg()
  .toBuffer();
const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };
const photoTimes: number[] = [];
const bombTimes: number[] = [];
const bomb = pngBomb();
for (let i = 0; i < rounds; i++) {
  started = performance.now();
  await processPhoto(camera, limits);
  photoTimes.push(performance.now() - started);
  started = performance.now();
  const refused = await processPhoto(bomb, limits).then(
    () => false,
    (e: unknown) => e instanceof PhotoError,
  );
  if (!refused) throw new Error('the decompression bomb was not refused');
  bombTimes.push(performance.now() - started);
}
const photoMs = median(photoTimes);
const bombMs = median(bombTimes);
console.log(`photo 3000 × 2000 JPEG processed: median ${fmt(photoMs, 0)} ms of ${rounds}`);
console.log(`decompression bomb (${bomb.length} bytes) refused: median ${fmt(bombMs, 0)} ms of ${rounds}`);
await db.close();

console.log('## ratios (figure ÷ target; below 1 meets it)');
console.log(`whole demo seed ÷ ${targets.seedMs / 1000} s: ${fmt(seedMs / targets.seedMs, 3)}`);
console.log(`bomb refused ÷ ${targets.bombMs} ms: ${fmt(bombMs / targets.bombMs, 3)}`);
console.log(`demo reports reseed ÷ ${targets.reseedMs} ms: ${fmt(reseedMs / targets.reseedMs, 3)}`);
