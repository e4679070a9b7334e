import type { Queryable } from '../../platform/db.js';
import { forgetSearchAnswers } from './cache.js';
import { deleteSearchDocuments, deleteSearchDocumentsExcept, upsertSearchDocuments } from './index-queries.js';

// What a content feature gives the search: the contract between the search and the features whose content it finds.
// Call indexDocuments / removeDocuments inside the transaction that changes the content.

/** The kinds of content the search finds (one typed list; views and the API are built from it). */
export const searchKinds = ['service', 'faq', 'news', 'waste-item', 'platform', 'page'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** The kind a query string names, or undefined for none or an unknown one. */
export const searchKindOf = (v: string | undefined): SearchKind | undefined => searchKinds.find((k) => k === v);

/** Text in German, and in English where the content has it (the search falls back to German). */
export interface LocalText {
  de: string;
  en?: string | null;
}

export interface SearchDocument {
  kind: SearchKind;
  /** Stable within its kind (the content's id or slug). */
  ref: string;
  /** The content's stable path on our origin, e.g. `/leistungen/personalausweis-beantragen`. */
  url: string;
  title: LocalText;
  /** One or two sentences, shown when the body has no match. Plain text. */
  summary?: LocalText;
  /** The full text, plain (no HTML). */
  body?: LocalText;
  /** Synonyms and other words people search for ("Perso" for Personalausweis). */
  keywords?: string[];
  /** Ranking weight of the document (1 = normal). */
  boost?: number;
  updatedAt: Date;
}

// Cached search answers live a minute at most; they are dropped on every change so that a change shows at once.

export async function indexDocuments(tx: Queryable, municipalityId: string, docs: readonly SearchDocument[]) {
  await upsertSearchDocuments(tx, municipalityId, docs);
  forgetSearchAnswers(municipalityId);
}

export async function removeDocuments(
  tx: Queryable,
  municipalityId: string,
  kind: SearchKind,
  refs: readonly string[],
) {
  await deleteSearchDocuments(tx, municipalityId, kind, refs);
  forgetSearchAnswers(municipalityId);
}

/** Makes the documents of one kind exactly `docs` (imports and demo seeds re-index a whole kind at once). */
export async function replaceDocuments(
  tx: Queryable,
  municipalityId: string,
  kind: SearchKind,
  docs: readonly SearchDocument[],
): Promise<void> {
  await deleteSearchDocumentsExcept(
    tx,
    municipalityId,
    kind,
    docs.map((d) => d.ref),
  );
  await upsertSearchDocuments(
    tx,
    municipalityId,
    docs.filter((d) => d.kind === kind),
  );
  forgetSearchAnswers(municipalityId);
}
