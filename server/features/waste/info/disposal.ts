/**
 * Where an Abfall-ABC item goes: one of the bins (bin type keys of the waste calendar) or a place. One list, used
 * by the seed data, the search results and the page's legend; each key has a label in waste-citizen.json.
 */
export const disposals = [
  'restabfall',
  'bioabfall',
  'papier',
  'wertstoff',
  'glas',
  'altkleider',
  'sperrmuell',
  'wertstoffhof',
  'schadstoffmobil',
  'handel',
] as const;
export type Disposal = (typeof disposals)[number];

export function isDisposal(s: string): s is Disposal {
  return (disposals as readonly string[]).includes(s);
}

/** Where to read more about a place (a page of this app), if there is one. */
export function disposalLink(d: Disposal): string | undefined {
  if (d === 'wertstoffhof') return '/abfall/wertstoffhoefe';
  if (d === 'sperrmuell') return '/abfall/sperrmuell';
  return undefined;
}
