import { type Static, Type as T } from '@sinclair/typebox';
import { notFound } from '../errors.js';

// Schemas of the HTML pages, so handlers get typed params, query strings and form bodies from them. Pages check
// the values themselves (a wrong one is a message beside the field or a 404, never a bare 400), so the schemas
// only give the shapes: strings, or lists of strings where a name repeats.

const value = T.Union([T.String(), T.Array(T.String())]);

/** A form body as @fastify/formbody parses it: every field a string, a repeated field a list. */
export const formBodySchema = T.Record(T.String(), value);
/** A multipart form body (fields and the parsed files, see intake/pages.tsx). */
export const multipartBodySchema = T.Record(T.String(), T.Unknown());
/** A page's query string: any field, as strings (repeated: a list). */
export const pageQuerySchema = T.Record(T.String(), value);
export type PageQuery = Static<typeof pageQuerySchema>;

/** `/…/:id` */
export const idParamsSchema = T.Object({ id: T.String() });
/** `/…/:id/fotos/:photoId` */
export const photoParamsSchema = T.Object({ id: T.String(), photoId: T.String() });
/** `/…/:token` (status links, unsubscribe links) */
export const tokenParamsSchema = T.Object({ token: T.String() });

/** A positive database id as a URL or form carries it ("42"); undefined for anything else. */
export function idOf(s: string | undefined): number | undefined {
  return s && /^[1-9]\d{0,15}$/.test(s.trim()) ? Number(s.trim()) : undefined;
}

/** An id in a page's path; throws not_found (of `what`) for anything that is not one (a page that cannot exist). */
export function pageId(s: string, what = 'Page'): number {
  const id = idOf(s);
  if (id === undefined) throw notFound(what);
  return id;
}

/** A query-string or form field given once, or undefined (absent, or repeated). */
export function single(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Route options of a back-office page family behind one guard: a plain page, a form post, an item page (`/:id`) and
 * an item's form post, so handlers get typed params and bodies.
 */
export function pageRoutes<Guard>(preHandler: Guard) {
  return {
    page: { schema: { hide: true }, preHandler },
    form: { schema: { hide: true, body: formBodySchema }, preHandler },
    item: { schema: { hide: true, params: idParamsSchema }, preHandler },
    itemForm: { schema: { hide: true, params: idParamsSchema, body: formBodySchema }, preHandler },
  };
}
