/** In a path: `//`, backslashes, and encoded slashes, backslashes and dots that a later decoding could turn into a host. */
const smuggled = /%(2f|5c|2e)|\\|\/\//i;

/**
 * A `?next=`/`?weiter=` target on this site, else `fallback`. The value is resolved as a WHATWG URL against the
 * public origin (which removes `.` and `..` segments) and must stay on that origin, without control characters, and
 * with a path free of `//`, backslashes and encoded slashes, backslashes and dots, before and after normalising.
 * Returns the path and query only, so the redirect can never name another host.
 */
export function localPath(next: unknown, publicUrl: string, fallback: string): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(next) || smuggled.test(next.split(/[?#]/)[0] ?? '')) return fallback;
  let url: URL;
  try {
    const origin = new URL(publicUrl).origin;
    url = new URL(next, origin);
    if (url.origin !== origin) return fallback;
  } catch {
    return fallback;
  }
  return smuggled.test(url.pathname) ? fallback : `${url.pathname}${url.search}`;
}

/** A `?next=` target inside the back office (a local path under `/admin`, see localPath), else `fallback`. */
export function backOfficePath(next: unknown, publicUrl: string, fallback = '/admin'): string {
  const path = localPath(next, publicUrl, fallback);
  const pathname = path.split('?')[0] ?? '';
  if (pathname !== '/admin' && !pathname.startsWith('/admin/')) return fallback;
  return path;
}
