import type { Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { selectTemplate, selectTemplates, type TemplateRow } from './note-templates-queries.js';
import { closedStatuses } from './statuses.js';

export type { TemplateRow };

/** What a template is for: the public note of a status change, or a public note without one ('note'). */
export const templateKinds = ['received', 'forwarded', 'accepted', 'in_progress', ...closedStatuses, 'note'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** A template's text in a language; English falls back to German. */
export function templateText(template: Pick<TemplateRow, 'body'>, lang: string): string {
  return (lang === 'en' && template.body.en) || template.body.de;
}

/** The municipality's note templates. */
export function listTemplates(deps: Deps): Promise<TemplateRow[]> {
  return selectTemplates(deps.db, deps.config.municipality.id);
}

/** One template; throws not_found. */
export async function getTemplate(deps: Deps, id: number): Promise<TemplateRow> {
  const row = await selectTemplate(deps.db, deps.config.municipality.id, id);
  if (!row) throw notFound('Template');
  return row;
}
