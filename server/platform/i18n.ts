import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { resolveFromRoot } from './config.js';

export const supportedLanguages = ['de', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

/** One catalogue per language, kept in one file per section (server/locales/<lang>/<section>.json). */
function catalogue(lang: Language): Record<string, unknown> {
  const dir = resolveFromRoot('server', 'locales', lang);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'))]),
  );
}

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(supportedLanguages.map((l) => [l, { translation: catalogue(l) }])),
  lng: 'de',
  fallbackLng: false,
  interpolation: { escapeValue: false }, // views escape on render; escaping here would double it
  returnNull: false,
  initAsync: false,
});

export interface I18n {
  lang: Language;
  t: TFunction;
  /** Formats a date (or ISO string) in the municipality's time zone, e.g. "28. November 2026". */
  date(value: Date | string, style?: 'short' | 'medium' | 'long'): string;
  dateTime(value: Date | string): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

/** A translator fixed to one language and time zone. */
export function i18nFor(lang: Language, timeZone: string): I18n {
  const t = instance.getFixedT(lang);
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const toDate = (v: Date | string) => (typeof v === 'string' ? new Date(v) : v);
  // Intl formatters are costly to build and safe to share, so each is made once.
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = (style: 'short' | 'medium' | 'long') => {
    let f = dateFormats.get(style);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone });
      dateFormats.set(style, f);
    }
    return f;
  };
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    lang,
    t,
    date: (v, style = 'long') => dateFormat(style).format(toDate(v)),
    dateTime: (v) => dateTimeFormat.format(toDate(v)),
    number: (v, options) => (options ? new Intl.NumberFormat(locale, options) : numberFormat).format(v),
  };
}

/** Every key of the German catalogue must exist in every other one; returns the missing keys. */
export function missingTranslations(): Record<Language, string[]> {
  const flatten = (obj: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
    );
  const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
  const keys = Object.fromEntries(supportedLanguages.map((l) => [l, new Set(flatten(catalogue(l)).map(base))]));
  const out = {} as Record<Language, string[]>;
  for (const l of supportedLanguages) {
    out[l] = supportedLanguages.flatMap((o) => [...(keys[o] ?? [])].filter((k) => !keys[l]?.has(k)));
    out[l] = [...new Set(out[l])];
  }
  return out;
}

/**
 * Picks the language: an explicit ?lang=, then the cookie, then Accept-Language, then the default.
 * Only languages the municipality offers are chosen.
 */
export function negotiateLanguage(
  offered: readonly Language[],
  fallback: Language,
  query?: string,
  cookie?: string,
  acceptLanguage?: string,
): Language {
  const ok = (l?: string): l is Language => !!l && (offered as readonly string[]).includes(l);
  if (ok(query)) return query;
  if (ok(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(ok) ?? fallback;
}
