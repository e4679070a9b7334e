import { readFileSync } from 'node:fs';
import { resolveFromRoot } from '../../../platform/config.js';
import { localParts } from '../../../platform/time.js';

// The demo addresses (loaded by the demo seed before the Mängelmelder's demo data): reports sit at them.
const demoAddressesFile = resolveFromRoot('server', 'features', 'demo', 'data', 'addresses.csv');

/** "Jöllenbeck" → "joellenbeck" (the demo district keys). */
const districtSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-');

export interface CsvAddress {
  label: string;
  district: string;
}

/** The demo address file as labels ("Herforder Straße 22a") grouped by district slug. */
export function demoAddressesByDistrict(): Map<string, CsvAddress[]> {
  const groups = new Map<string, CsvAddress[]>();
  const lines = readFileSync(demoAddressesFile, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [street, number, suffix, , district] = line.split(';');
    if (!street || !number || !district) continue;
    const key = districtSlug(district);
    const list = groups.get(key) ?? [];
    list.push({ label: `${street} ${number}${suffix ?? ''}`, district: key });
    groups.set(key, list);
  }
  return groups;
}

/** Wall-clock parts in the municipality's zone: the local day (as a UTC midnight date), hour and month. */
export function localClock(timeZone: string): (d: Date) => { day: Date; hour: number; month: number } {
  return (d) => {
    const p = localParts(d, timeZone);
    return { day: new Date(Date.UTC(p.year, p.month - 1, p.day)), hour: p.hour, month: p.month };
  };
}
