import type { BinType } from './types.js';

// The usual bin types and collection events of a German city (Bielefeld's): the demo's, and what
// `waste:bin-types --standard` loads into a new installation.

export const standardBinTypes: Omit<BinType, 'id'>[] = [
  { key: 'restabfall', kind: 'bin', name: { de: 'Restabfall', en: 'Residual waste' }, colour: '#4a4a4a', sort: 10 },
  { key: 'bioabfall', kind: 'bin', name: { de: 'Bioabfall', en: 'Organic waste' }, colour: '#7a5230', sort: 20 },
  { key: 'papier', kind: 'bin', name: { de: 'Papier', en: 'Paper' }, colour: '#1d5fae', sort: 30 },
  { key: 'wertstoff', kind: 'bin', name: { de: 'Wertstoff', en: 'Recyclables' }, colour: '#e3b400', sort: 40 },
  { key: 'sperrmuell', kind: 'event', name: { de: 'Sperrmüll', en: 'Bulky waste' }, colour: '#8a3b12', sort: 50 },
  {
    key: 'schadstoffmobil',
    kind: 'event',
    name: { de: 'Schadstoffmobil', en: 'Hazardous waste collection' },
    colour: '#b00020',
    sort: 60,
  },
];
