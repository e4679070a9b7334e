import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { resolveFromRoot } from '../../platform/config.js';
import type { Deps } from '../../platform/deps.js';
import { i18nFor, type Language } from '../../platform/i18n.js';
import { importAddressesInTx, importDistrictsInTx } from '../addresses/import-service.js';
import { forgetCachedAddresses, hasAddresses } from '../addresses/service.js';
import { seedApplicationsDemo } from '../applications/demo.js';
import type { AuditActor } from '../audit/service.js';
import { seedFaqDemo } from '../faq/demo/seed.js';
import { seedNewsDemo } from '../news/demo/seed.js';
import { seedParkingDemo } from '../parking/demo/service.js';
import { seedPlatformsDemo } from '../platforms/demo.js';
import { seedReportDemo } from '../reports/demo/seed.js';
import { reindexSearch } from '../search/reindex.js';
import { seedServicesDemo } from '../services/import.js';
import { type DemoCredential, seedDemoStaff } from '../users/demo.js';
import { seedWasteDemo } from '../waste/demo/seed.js';
import { seedWasteInfoDemo } from '../waste/info/service.js';
import { credentialsBox } from './credentials.js';

// From the source tree also when running the compiled server (dist/ has no data files).
const dataDir = resolveFromRoot('server', 'features', 'demo', 'data');
export const demoDistrictsFile = join(dataDir, 'districts.geojson');
export const demoAddressesFile = join(dataDir, 'addresses.csv');
const demoActor: AuditActor = { id: null, label: 'demo' };

export interface DemoSeedResult {
  districts: number;
  addresses: number;
  staff: DemoCredential[];
  /** Where the credentials were written (mode 0600). */
  credentialsFile?: string;
}

/**
 * Loads the Bielefeld demo data when the municipality has no addresses yet: districts and addresses through the
 * same import as operators use (source 'demo'), then demo departments and staff. Prints the staff credentials once
 * in a box marked DEMO and writes them to <DATA_DIR>/demo-credentials.txt. Does nothing when demo data is off
 * (production) or already there; two processes starting at once load it once (advisory lock). Returns what it did.
 */
export async function seedDemoIfEmpty(
  deps: Deps,
  log: FastifyBaseLogger,
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<DemoSeedResult | undefined> {
  if (!deps.config.demoData) return undefined;
  const municipalityId = deps.config.municipality.id;
  const started = performance.now();
  const loaded = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`demo-seed:${municipalityId}`]);
    if (await hasAddresses(tx, municipalityId)) return undefined;
    const options = { municipalityId, actor: demoActor };
    const districts = await importDistrictsInTx(tx, deps, readFileSync(demoDistrictsFile), options);
    const addresses = await importAddressesInTx(tx, deps, readFileSync(demoAddressesFile), {
      ...options,
      source: 'demo',
    });
    return { districts: districts.total, addresses: addresses.total };
  });
  if (!loaded) {
    // Demo data loaded before the FAQ and the data platforms existed gets them now (both seeds are idempotent).
    const faq = await seedFaqDemo(deps);
    if ((await seedPlatformsDemo(deps)) || faq) log.info('demo FAQ and data platforms added');
    // Demo data loaded before the Abfallkalender existed gets its demo calendar now (the seed is idempotent).
    if (await seedWasteDemo(deps)) {
      await seedWasteInfoDemo(deps);
      await reindexSearch(deps);
      log.info('demo waste calendar added to the existing demo data');
    } else log.debug('demo data already present');
    if ((await seedNewsDemo(deps)) > 0) log.info('demo news added to the existing demo data');
    if ((await seedParkingDemo(deps)) > 0) log.info('demo parking garages added to the existing demo data');
    if ((await seedApplicationsDemo(deps)) > 0) log.info('demo online services added to the existing demo data');
    return undefined;
  }
  const importMs = Math.round(performance.now() - started);
  forgetCachedAddresses(deps.db);
  const staff = await seedDemoStaff(deps);
  await seedReportDemo(deps);
  await seedWasteDemo(deps);
  await seedWasteInfoDemo(deps);
  await seedFaqDemo(deps);
  await seedPlatformsDemo(deps);
  await seedServicesDemo(deps);
  await seedApplicationsDemo(deps);
  await seedNewsDemo(deps);
  await seedParkingDemo(deps);
  await reindexSearch(deps);
  const result: DemoSeedResult = { ...loaded, staff };
  if (staff.length > 0) {
    const m = deps.config.municipality;
    const i18n = i18nFor(m.defaultLanguage as Language, m.timeZone);
    const file = join(deps.config.dataDir, 'demo-credentials.txt');
    const box = credentialsBox(i18n, staff, { loginUrl: `${deps.config.publicUrl}/admin/login`, file });
    writeFileSync(file, box, { mode: 0o600 });
    chmodSync(file, 0o600); // also when an older file was there
    print(box);
    result.credentialsFile = file;
  }
  log.info(
    {
      districts: loaded.districts,
      addresses: loaded.addresses,
      staff: staff.length,
      importMs,
      ms: Math.round(performance.now() - started),
    },
    'demo data loaded',
  );
  return result;
}
