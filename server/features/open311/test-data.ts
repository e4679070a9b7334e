import type { Deps } from '../../platform/deps.js';
import { createCategory, createTestDepartment } from '../../test/factories/reports.js';
import { cliActor } from '../audit/service.js';
import { createOpen311Client } from './keys-service.js';

/** Open311 test fixtures (imported by tests only): a category tree with extra questions, and API keys. */

export const wasteQuestions = [
  {
    code: 'art',
    datatype: 'singlevaluelist',
    required: true,
    label: { de: 'Was liegt dort?', en: 'What is lying there?' },
    values: [
      { key: 'sperrmuell', name: { de: 'Sperrmüll', en: 'Bulky waste' } },
      { key: 'bauschutt', name: { de: 'Bauschutt', en: 'Rubble' } },
    ],
    order: 1,
  },
  {
    code: 'stoffe',
    datatype: 'multivaluelist',
    required: false,
    label: { de: 'Gefährliche Stoffe', en: 'Hazardous substances' },
    hint: { de: 'Alles Zutreffende', en: 'Everything that applies' },
    values: [
      { key: 'oel', name: { de: 'Öl', en: 'Oil' } },
      { key: 'farbe', name: { de: 'Farbe & Lack', en: 'Paint & varnish' } },
      { key: 'reifen', name: { de: 'Reifen', en: 'Tyres' } },
    ],
    order: 2,
  },
  { code: 'menge', datatype: 'number', required: false, label: { de: 'Säcke', en: 'Bags' }, order: 3 },
  { code: 'gesehen', datatype: 'datetime', required: false, label: { de: 'Gesehen am', en: 'Seen on' }, order: 4 },
];

export const parkingQuestions = [
  {
    code: 'kennzeichen',
    datatype: 'string',
    required: true,
    label: { de: 'Kennzeichen', en: 'Licence plate' },
    order: 1,
  },
  { code: 'details', datatype: 'text', required: false, label: { de: 'Details', en: 'Details' }, order: 2 },
];

export interface Open311Fixture {
  departmentId: number;
  groupId: number;
  wasteId: number;
  parkingId: number;
  lightId: number;
}

/**
 * Categories: group "Sauberkeit" with "Wilder Müll" (list questions) and an inactive child; top-level
 * "Falschparker" (a required string) and "Straßenbeleuchtung" (no questions, keywords); an inactive top level one.
 */
export async function seedOpen311Categories(deps: Deps): Promise<Open311Fixture> {
  const departmentId = await createTestDepartment(deps, 'Umweltbetrieb');
  const groupId = await createCategory(deps, { code: 'sauberkeit', name: { de: 'Sauberkeit', en: 'Cleanliness' } });
  const wasteId = await createCategory(deps, {
    code: 'wilder-muell',
    name: { de: 'Wilder Müll', en: 'Fly-tipping' },
    parentId: groupId,
    questions: wasteQuestions,
    targetWorkingDays: 5,
    defaultDepartmentId: departmentId,
  });
  await createCategory(deps, { code: 'alt-muell', name: { de: 'Alt', en: 'Old' }, parentId: groupId, active: false });
  const parkingId = await createCategory(deps, {
    code: 'falschparker',
    name: { de: 'Falschparker', en: 'Illegal parking' },
    questions: parkingQuestions,
    targetWorkingDays: 1,
  });
  const lightId = await createCategory(deps, {
    code: 'beleuchtung',
    name: { de: 'Straßenbeleuchtung', en: 'Street lighting' },
    targetWorkingDays: 10,
  });
  await createCategory(deps, { code: 'abgeschafft', name: { de: 'Abgeschafft', en: 'Gone' }, active: false });
  const sorts: [number, number][] = [
    [groupId, 1],
    [wasteId, 1],
    [parkingId, 2],
    [lightId, 3],
  ];
  for (const [id, sort] of sorts)
    await deps.db.query('UPDATE report_categories SET sort = $2 WHERE id = $1', [id, sort]);
  await deps.db.query(
    `UPDATE report_categories SET keywords = '{Laterne,Licht}',
            description = '{"de": "Defekte Laterne & Co.", "en": "Broken lamp & co."}' WHERE id = $1`,
    [lightId],
  );
  return { departmentId, groupId, wasteId, parkingId, lightId };
}

/** A live API key of a new client. */
export async function createApiKey(deps: Deps, name = 'Test-App'): Promise<{ id: number; key: string }> {
  const { client, key } = await createOpen311Client(
    deps,
    { municipalityId: deps.config.municipality.id, name },
    cliActor,
  );
  return { id: client.id, key };
}
