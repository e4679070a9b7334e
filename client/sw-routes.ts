/** What GET /sw.js tells the worker about the shell it caches. */
export interface ShellManifest {
  /** Changes whenever any cached file or the offline page changes; names the cache. */
  version: string;
  /** Same-origin URLs cached at install. */
  precache: string[];
  /** Language → URL of the precached offline page. */
  offline: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  /** Path prefixes the worker never handles (back office, APIs, operations endpoints). */
  bypass: string[];
}

export type Strategy = 'navigate' | 'cache-first' | 'network-first' | 'pass';

/**
 * Pages whose last copy fetched online is kept and shown offline instead of the offline page: the report form,
 * so a defect can be reported without a connection (client/report-offline.ts queues it). Only a GET of the empty
 * form is kept, never a page with someone's answers (those come from POSTs, which the worker never touches).
 */
export const offlineCopies: readonly string[] = ['/melden'];

/** The cache key of a page's offline copy (one per path, whatever its query), or undefined for other pages. */
export function offlineCopyKey(url: string): string | undefined {
  const path = new URL(url).pathname;
  return offlineCopies.includes(path) ? `/__bs/copy${path}` : undefined;
}

/** How the worker answers a request: only same-origin GETs outside the bypassed paths are handled at all. */
export function strategyFor(
  request: Pick<Request, 'method' | 'url' | 'mode'>,
  origin: string,
  shell: ShellManifest,
): Strategy {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'pass';
  if (shell.bypass.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))) return 'pass';
  if (request.mode === 'navigate') return 'navigate';
  if (url.pathname.startsWith('/assets/')) return 'cache-first';
  if (shell.precache.includes(url.pathname + url.search)) return 'network-first';
  return 'pass';
}

/** The offline page's language: an explicit ?lang= in the URL, else the last one seen, else the default. */
export function languageOf(url: string, remembered: string | undefined, shell: ShellManifest): string {
  const fromUrl = new URL(url).searchParams.get('lang');
  for (const candidate of [fromUrl, remembered]) {
    if (candidate && shell.languages.includes(candidate)) return candidate;
  }
  return shell.defaultLanguage;
}
