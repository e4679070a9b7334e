import { notFound } from '../../../platform/errors.js';

/** A positive database id as a URL or form carries it ("42"); undefined for anything else. */
export function idOf(s: string | undefined): number | undefined {
  return s && /^[1-9]\d{0,15}$/.test(s.trim()) ? Number(s.trim()) : undefined;
}

/** The id in a page's path; throws not_found for anything that is not one (a page that cannot exist). */
export function param(params: unknown, name = 'id'): number {
  const id = idOf((params as Record<string, string | undefined>)[name]);
  if (id === undefined) throw notFound('Page');
  return id;
}
