import { readFileSync } from 'node:fs';
import { resolveFromRoot } from '../../../platform/config.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { checkDefinition, type Definition, type FormDefinition, type LinkDefinition } from './definition.js';
import { deleteFormsExcept, selectForm, selectForms, upsertForm } from './forms-queries.js';

// The municipality's online services: stored definitions, replaced all at once by an import (demo data, the CLI).

export interface CatalogueEntry {
  definition: Definition;
  version: number;
}

/**
 * Replaces the catalogue with `input` (a JSON array of definitions), all or nothing: throws `validation_failed`
 * naming each broken entry, changes nothing then. Definitions that stay unchanged keep their version (and drafts).
 */
export async function importDefinitions(deps: Deps, municipalityId: string, input: unknown): Promise<number> {
  if (!Array.isArray(input)) throw new AppError('validation_failed', 'The file must hold a JSON array of definitions');
  // An empty file would delete every service and every citizen's draft: most likely a mistake, so it is refused.
  if (input.length === 0) throw new AppError('validation_failed', 'The file holds no definitions; nothing was changed');
  const problems: string[] = [];
  const slugs = new Set<string>();
  input.forEach((def, i) => {
    const name = (def as { slug?: unknown })?.slug;
    const at = `entry ${i + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
    for (const p of checkDefinition(def)) problems.push(`${at}: ${p}`);
    if (typeof name === 'string' && slugs.has(name)) problems.push(`${at}: slug used twice`);
    if (typeof name === 'string') slugs.add(name);
  });
  if (problems.length > 0) throw new AppError('validation_failed', problems.slice(0, 20).join('\n'));
  const defs = input as Definition[];
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    for (const [i, def] of defs.entries()) await upsertForm(tx, municipalityId, def, i, now);
    await deleteFormsExcept(tx, municipalityId, [...slugs]);
  });
  return defs.length;
}

/** The Bielefeld demo catalogue (three forms and the naturalisation link). */
export function readDemoDefinitions(): unknown {
  return JSON.parse(readFileSync(resolveFromRoot('server/features/applications/data/bielefeld.json'), 'utf8'));
}

/** The catalogue in its order (forms and links), each with its version. */
export async function listCatalogue(deps: Deps, municipalityId: string): Promise<CatalogueEntry[]> {
  return (await selectForms(deps.db, municipalityId)).map((r) => ({ definition: r.definition, version: r.version }));
}

/** A form definition with its version; throws not_found for an unknown slug or a link. */
export async function getForm(
  deps: Deps,
  municipalityId: string,
  slug: string,
): Promise<{ form: FormDefinition; version: number }> {
  const row = await selectForm(deps.db, municipalityId, slug);
  if (row?.definition.kind !== 'form') throw notFound('Online service');
  return { form: row.definition, version: row.version };
}

/** Any catalogue entry; throws not_found. */
export async function getEntry(deps: Deps, municipalityId: string, slug: string): Promise<CatalogueEntry> {
  const row = await selectForm(deps.db, municipalityId, slug);
  if (!row) throw notFound('Online service');
  return { definition: row.definition, version: row.version };
}

/** A link's URL with the municipality's keys filled in ({ars}, {ags}, {municipality}). */
export function linkUrl(deps: Deps, link: LinkDefinition): string {
  const m = deps.config.municipality;
  const values: Record<string, string> = { ars: m.ars, ags: m.ars.slice(0, 5) + m.ars.slice(9), municipality: m.id };
  return link.url.replace(/\{([a-z]+)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));
}
