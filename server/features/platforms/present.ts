import type { PlatformInterface } from './interfaces.js';
import type { PlatformRow } from './queries.js';

// The only place data platform rows become the shape views and services use.

export interface Platform {
  id: number;
  slug: string;
  name: { de: string; en: string | null };
  offers: { de: string; en: string | null };
  operator: { de: string; en: string | null };
  interfaces: PlatformInterface[];
  url: string | null;
  sort: number;
  updatedAt: Date;
}

export const presentPlatform = (r: PlatformRow): Platform => ({
  id: r.id,
  slug: r.slug,
  name: { de: r.name_de, en: r.name_en },
  offers: { de: r.offers_de, en: r.offers_en },
  operator: { de: r.operator_de, en: r.operator_en },
  interfaces: r.interfaces as PlatformInterface[],
  url: r.url,
  sort: r.sort,
  updatedAt: new Date(r.updated_at),
});

/** Each platform's anchor on the overview page (its stable URL). */
export const platformPath = (slug: string) => `/datenplattformen#${slug}`;
