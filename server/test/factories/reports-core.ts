import { Type } from '@sinclair/typebox';
import { solveChallenge } from 'altcha-lib/v1';
import { notifyStatusJobName as notifyJob } from '../../features/reports/core/events.js';
import { seedReportDemo } from '../../features/reports/demo/seed.js';
import { createAltchaChallenge } from '../../features/reports/intake/altcha.js';
import type { NewReportInput } from '../../features/reports/intake/submit-service.js';
import { jobDefinitions } from '../../jobs.js';
import type { Deps } from '../../platform/deps.js';
import { defineJob, type JobDefinition } from '../../platform/jobs/types.js';
import { buildTestApp, type TestApp } from '../app.js';
import { points, seedTestAddresses } from './addresses.js';

/** Until the notification job is registered, tests install a do-nothing stand-in so enqueueing it works. */
function missingNotifyJob(): JobDefinition[] {
  if (jobDefinitions.some((d) => d.name === notifyJob)) return [];
  return [
    defineJob({
      name: notifyJob,
      description: 'test stand-in',
      payload: Type.Object({ eventId: Type.Integer() }),
      async run() {
        return undefined;
      },
    }),
  ];
}

/**
 * A test app for the Mängelmelder core: easy proof of work (ALTCHA_MAX_NUMBER 1000), the test districts and
 * addresses, and the Bielefeld demo categories, landmarks and routing rules.
 */
export async function buildReportsApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await buildTestApp({ env: { ALTCHA_MAX_NUMBER: '1000', ...env }, jobs: missingNotifyJob() });
  await seedTestAddresses(t.deps);
  await seedReportDemo(t.deps);
  return t;
}

/** Solves a fresh challenge as the browser widget would and returns the base64 payload. */
export async function solveAltcha(deps: Deps): Promise<string> {
  const challenge = await createAltchaChallenge(deps);
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
    .promise;
  if (!solution) throw new Error('challenge not solved');
  const payload = { ...challenge, number: solution.number };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** A valid web report in Mitte (map pin, Wilder Müll → Sperrmüll); override what a test needs. */
export function reportInput(overrides: Partial<NewReportInput> = {}): NewReportInput {
  return {
    categoryCode: 'wilder-muell',
    description: 'Am Straßenrand liegen drei Matratzen.',
    answers: { abfallart: 'sperrmuell' },
    location: { method: 'map', lat: points.mitte.lat, lon: points.mitte.lon },
    photos: [],
    contact: { notifyEmail: false, consent: false },
    language: 'de',
    source: 'web',
    ...overrides,
  };
}
