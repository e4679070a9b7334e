// The service worker: keeps the shell (stylesheet, script, icons, logo, offline page) in a versioned cache, answers
// navigations from the network and falls back to the offline page, serves content-hashed assets from the cache.
// Never touches the back office, the APIs or anything but GET.
import { languageOf, offlineCopyKey, type ShellManifest, strategyFor } from './sw-routes.js';

declare const self: ServiceWorkerGlobalScope;
/** Prepended to this script by GET /sw.js: asset names, offline pages and the version they make up together. */
declare const BS_SHELL: ShellManifest;

const shell = BS_SHELL;
const cacheName = `bs-shell-${shell.version}`;
// The language of the last page seen online, so the offline page speaks it too.
const languageKey = '/__bs/last-language';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // Without credentials: the offline pages' ?lang= must not set the visitor's language cookie.
      await cache.addAll(shell.precache.map((url) => new Request(url, { credentials: 'omit', cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('bs-') && key !== cacheName) await caches.delete(key);
      }
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, self.location.origin, shell);
  if (strategy === 'navigate') event.respondWith(navigate(event));
  else if (strategy === 'cache-first') event.respondWith(cacheFirst(event.request));
  else if (strategy === 'network-first') event.respondWith(networkFirst(event.request));
});

async function navigate(event: FetchEvent): Promise<Response> {
  const copyKey = offlineCopyKey(event.request.url);
  try {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    const response = preloaded ?? (await fetch(event.request));
    const lang = response.headers.get('content-language');
    if (lang) event.waitUntil(rememberLanguage(lang));
    if (copyKey && response.ok) event.waitUntil(keepCopy(copyKey, response.clone()));
    return response;
  } catch {
    const copy = copyKey ? await (await caches.open(cacheName)).match(copyKey) : undefined;
    return copy ?? offlinePage(event.request);
  }
}

async function keepCopy(key: string, response: Response): Promise<void> {
  const cache = await caches.open(cacheName);
  await cache.put(key, response);
}

async function rememberLanguage(lang: string): Promise<void> {
  const cache = await caches.open(cacheName);
  const stored = await cache.match(languageKey);
  if ((await stored?.text()) !== lang) await cache.put(languageKey, new Response(lang));
}

async function offlinePage(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const remembered = await (await cache.match(languageKey))?.text();
  const lang = languageOf(request.url, remembered, shell);
  const url = shell.offline[lang] ?? shell.offline[shell.defaultLanguage];
  const page = url ? await cache.match(url, { ignoreVary: true }) : undefined;
  return page ?? Response.error();
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreVary: true, ignoreSearch: false });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (err) {
    const hit = await caches.match(request, { ignoreVary: true, cacheName });
    if (hit) return hit;
    throw err;
  }
}

// Web Push: every message is JSON { title, body, url, tag } (waste reminders, report status). The tag is the
// message's Topic, so a corrected reminder replaces the shown one instead of stacking.
interface PushPayload {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
}

self.addEventListener('push', (event) => {
  let data: PushPayload = {};
  try {
    data = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    data = { body: event.data?.text() ?? '' };
  }
  // Only ever a page of this site: the path of the link, on our own origin (the payload's host may be another name
  // of the same site, and a message must never send anyone elsewhere).
  const target = data.url ? new URL(data.url, self.location.origin) : undefined;
  const url = target ? `${target.pathname}${target.search}${target.hash}` : '/';
  event.waitUntil(
    self.registration.showNotification(data.title ?? self.location.host, {
      body: data.body ?? '',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      ...(data.tag ? { tag: data.tag } : {}),
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = open.find((c) => c.url === url);
      if (same) return void (await same.focus());
      await self.clients.openWindow(url);
    })(),
  );
});
