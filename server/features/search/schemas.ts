import { type Static, Type as T } from '@sinclair/typebox';
import { supportedLanguages } from '../../platform/i18n.js';
import { type SearchKind, searchKinds } from './documents.js';
import { searchQueryMaxLength } from './query-text.js';
import { searchMaxPage } from './service.js';

// Enums as JSON Schema `enum` from the one typed list (handlers narrow them with kindOf / languageOf).
export const searchKindSchema = T.Unsafe<SearchKind>({
  type: 'string',
  enum: [...searchKinds],
  description: 'kind of content',
});

export const searchQuerySchema = T.Object(
  {
    q: T.String({
      minLength: 2,
      maxLength: searchQueryMaxLength,
      description: 'what to search for, e.g. "perso", "sperrmüll"; misspellings are tolerated',
    }),
    kind: T.Optional(T.String({ enum: [...searchKinds], description: 'only this kind of content' })),
    lang: T.String({
      enum: [...supportedLanguages],
      default: 'de',
      description: 'language of titles and snippets (German where English is missing)',
    }),
    page: T.Integer({ minimum: 1, maximum: searchMaxPage, default: 1 }),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof searchQuerySchema>;

const textPartsSchema = T.Array(T.Object({ text: T.String(), mark: T.Boolean() }), {
  description: 'plain text in parts; parts with mark=true match the query (show them highlighted)',
});

export const searchResultSchema = T.Object({
  q: T.String({ description: 'the query as searched (words, lower case)' }),
  total: T.Integer({ description: 'matches in all' }),
  page: T.Integer(),
  pages: T.Integer(),
  items: T.Array(
    T.Object({
      kind: searchKindSchema,
      ref: T.String({ description: 'stable id of the content within its kind' }),
      url: T.String({ description: 'path of the content on this origin' }),
      title: T.String(),
      titleParts: textPartsSchema,
      snippet: textPartsSchema,
      fallback: T.Boolean({ description: 'true when English was asked for and the German text is given' }),
      updatedAt: T.String({ format: 'date-time' }),
    }),
  ),
});
export type SearchResultDto = Static<typeof searchResultSchema>;
