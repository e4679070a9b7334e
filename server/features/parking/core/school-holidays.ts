// School holidays of North Rhine-Westphalia (first and last day, inclusive), as the Ministry of Schools publishes
// them (schulministerium.nrw, "Ferientermine"). Other states: add their rows; days outside the table count as
// school days. Extend the table each year (the forecast only needs the past and the next hours).
const nrw: [string, string][] = [
  ['2024-12-23', '2025-01-06'],
  ['2025-04-14', '2025-04-26'],
  ['2025-06-10', '2025-06-10'],
  ['2025-07-14', '2025-08-26'],
  ['2025-10-13', '2025-10-25'],
  ['2025-12-22', '2026-01-06'],
  ['2026-03-30', '2026-04-11'],
  ['2026-05-26', '2026-05-26'],
  ['2026-07-20', '2026-09-01'],
  ['2026-10-17', '2026-10-31'],
  ['2026-12-23', '2027-01-06'],
  ['2027-03-22', '2027-04-03'],
  ['2027-05-18', '2027-05-18'],
  ['2027-07-19', '2027-08-31'],
  ['2027-10-23', '2027-11-06'],
  ['2027-12-24', '2028-01-08'],
];

const tables: Record<string, [string, string][]> = { NW: nrw };

/** True when a calendar day ('YYYY-MM-DD') lies in the state's school holidays. */
export function isSchoolHoliday(day: string, region: string): boolean {
  return (tables[region] ?? []).some(([from, to]) => day >= from && day <= to);
}
