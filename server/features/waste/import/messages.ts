import type { TFunction } from 'i18next';
import type { LineProblem } from './problems.js';

/** A problem in words: "date: „31.02.2026“ is not a date (dd.mm.yyyy or yyyy-mm-dd)". */
export function problemText(t: TFunction, p: LineProblem): string {
  return `${p.field}: ${t(`waste-admin.problems.${p.key}`, { ...p.values })}`;
}

/** Where a problem is: "Zeile 7" / "line 7", or "Datei" / "file". */
export function problemPlace(t: TFunction, p: LineProblem): string {
  return p.line === 0 ? t('waste-admin.import.file') : t('waste-admin.import.line', { line: p.line });
}
