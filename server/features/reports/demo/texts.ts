import { readFileSync } from 'node:fs';
import { resolveFromRoot } from '../../../platform/config.js';

// Texts of the demo reports as data: server/features/reports/data/bielefeld-demo-texts.json.

export interface DemoReportTemplate {
  text: string;
  answers?: Record<string, string>;
  /** Only for reports handed to this external body (its name in the demo data); never used for other ones. */
  external?: string;
}

export interface DemoCategoryTexts {
  /** How many demo reports of the category (about 200 in all). */
  count: number;
  /** Months (1–12) in which such reports come in; all year when absent. */
  months?: number[];
  /** Prefer done-notes whose title contains this (e.g. "Müll"); otherwise those without it. */
  doneNoteHint?: string;
  templates: DemoReportTemplate[];
}

export interface DemoTexts {
  /** Texts per category code. */
  categories: Record<string, DemoCategoryTexts>;
  /** For categories the demo data does not know (another municipality's tree). */
  generic: DemoCategoryTexts;
  /** Sometimes added to a text, as citizens do. */
  addenda: string[];
  /** Internal notes of the back office (never public). */
  internalNotes: { forward: string[]; returned: string[] };
  /** Weights of the demo districts (about the population); unknown districts weigh 1. */
  districtWeights: Record<string, number>;
}

// From the source tree also when running the compiled server (dist/ has no data files).
const file = resolveFromRoot('server', 'features', 'reports', 'data', 'bielefeld-demo-texts.json');
let texts: DemoTexts | undefined;

/** The demo texts, read once. */
export function demoTexts(): DemoTexts {
  texts ??= JSON.parse(readFileSync(file, 'utf8')) as DemoTexts;
  return texts;
}
