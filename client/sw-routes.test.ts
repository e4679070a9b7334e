import { describe, expect, it } from 'vitest';
import { languageOf, offlineCopyKey, type ShellManifest, strategyFor } from './sw-routes.js';

const origin = 'https://buergerservice.example';
const shell: ShellManifest = {
  version: 'v1',
  precache: ['/assets/app.abc.css', '/theme.css?v=1', '/icons/icon.svg', '/offline?lang=de', '/offline?lang=en'],
  offline: { de: '/offline?lang=de', en: '/offline?lang=en' },
  languages: ['de', 'en'],
  defaultLanguage: 'de',
  bypass: ['/admin', '/api'],
};
const req = (path: string, mode: RequestMode = 'no-cors', method = 'GET') => ({ url: origin + path, mode, method });

describe('service worker routing', () => {
  it('answers navigations network-first with the offline fallback', () => {
    expect(strategyFor(req('/', 'navigate'), origin, shell)).toBe('navigate');
    expect(strategyFor(req('/impressum?lang=en', 'navigate'), origin, shell)).toBe('navigate');
  });

  it('serves hashed assets from the cache and other shell files network-first', () => {
    expect(strategyFor(req('/assets/app.abc.css'), origin, shell)).toBe('cache-first');
    expect(strategyFor(req('/theme.css?v=1'), origin, shell)).toBe('network-first');
    expect(strategyFor(req('/icons/icon.svg'), origin, shell)).toBe('network-first');
  });

  it('leaves the back office, APIs, writes, other origins and everything else alone', () => {
    expect(strategyFor(req('/admin', 'navigate'), origin, shell)).toBe('pass');
    expect(strategyFor(req('/admin/users', 'navigate'), origin, shell)).toBe('pass');
    expect(strategyFor(req('/api/addresses?q=x', 'cors'), origin, shell)).toBe('pass');
    expect(strategyFor(req('/adressen', 'navigate', 'POST'), origin, shell)).toBe('pass');
    expect(strategyFor({ url: 'https://elsewhere.example/x.css', mode: 'no-cors', method: 'GET' }, origin, shell)).toBe(
      'pass',
    );
    expect(strategyFor(req('/manifest.webmanifest'), origin, shell)).toBe('pass');
    // A path that merely starts like a bypassed one is still handled.
    expect(strategyFor(req('/administration-info', 'navigate'), origin, shell)).toBe('navigate');
  });
});

describe('offline page language', () => {
  it('takes ?lang= from the address, else the last language seen, else the default', () => {
    expect(languageOf(`${origin}/x?lang=en`, 'de', shell)).toBe('en');
    expect(languageOf(`${origin}/x`, 'en', shell)).toBe('en');
    expect(languageOf(`${origin}/x?lang=fr`, undefined, shell)).toBe('de');
  });
});

describe('offline copies', () => {
  it('keeps one copy of the report form per path, whatever its query, and of nothing else', () => {
    expect(offlineCopyKey(`${origin}/melden`)).toBe('/__bs/copy/melden');
    expect(offlineCopyKey(`${origin}/melden?lang=en&category=laub`)).toBe('/__bs/copy/melden');
    expect(offlineCopyKey(`${origin}/melden/schritt`)).toBeUndefined();
    expect(offlineCopyKey(`${origin}/meldungen/status/abc`)).toBeUndefined();
    expect(offlineCopyKey(`${origin}/`)).toBeUndefined();
  });
});
