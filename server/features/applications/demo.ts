import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Deps } from '../../platform/deps.js';
import { findDepartmentBySlug } from '../departments/service.js';
import { importDefinitions, listCatalogue, readDemoDefinitions } from './core/catalogue.js';
import { replaceOfficeDepartments } from './core/office-departments-queries.js';
import { hasOfficeKey, setOfficeKey } from './core/office-keys.js';

// The demo's online services: the three Bielefeld forms and the naturalisation link, and one demo key pair for the
// offices that receive them in the inbox. The private key is written to DATA_DIR (mode 600) so the demo's staff can
// open the applications; a real office makes its own key in the back office and the platform never sees it.

export const demoKeyFile = 'demo-office-key.jwk.json';

async function demoKeyPair(dataDir: string): Promise<{ publicJwk: JWK; file: string }> {
  const file = join(dataDir, demoKeyFile);
  if (existsSync(file)) {
    const { kty, n, e } = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    return { publicJwk: { kty, n, e }, file };
  }
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  writeFileSync(file, `${JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'RSA-OAEP-256', use: 'enc' })}\n`, {
    mode: 0o600,
  });
  return { publicJwk: await exportJWK(publicKey), file };
}

/** Loads the demo catalogue when there is none and gives each inbox office without a key the demo key. Idempotent. */
export async function seedApplicationsDemo(deps: Deps, municipalityId = deps.config.municipality.id): Promise<number> {
  if ((await listCatalogue(deps, municipalityId)).length > 0) return 0;
  const count = await importDefinitions(deps, municipalityId, readDemoDefinitions());
  const offices = new Set<string>();
  for (const { definition: d } of await listCatalogue(deps, municipalityId)) {
    if (d.kind === 'form' && d.delivery.kind === 'inbox') offices.add(d.office);
  }
  let pair: { publicJwk: JWK } | undefined;
  for (const office of offices) {
    // The demo's departments carry the offices' keys as slugs (Ordnungsamt, Umweltbetrieb): they work on them.
    const department = await findDepartmentBySlug(deps.db, municipalityId, office);
    if (department)
      await deps.db.transaction((tx) => replaceOfficeDepartments(tx, municipalityId, office, [department.id]));
    if (await hasOfficeKey(deps, municipalityId, office)) continue;
    pair ??= await demoKeyPair(deps.config.dataDir);
    await setOfficeKey(deps, municipalityId, office, { ...pair.publicJwk, kid: `demo-${office}` });
  }
  return count;
}
