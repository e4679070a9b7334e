import type { Municipality } from '../../platform/config.js';
import type { Service } from './model.js';

/** Where a service's online channel leads: a module of this app, or an external (EfA) service with our parameters. */
export interface OnlineChannel {
  href: string;
  internal: boolean;
}

/** The Amtlicher Gemeindeschlüssel (8 digits) within the 12-digit Regionalschlüssel. */
export const agsOf = (ars: string) => `${ars.slice(0, 5)}${ars.slice(9, 12)}`;

/** The online channel with the template's placeholders filled from the municipality, or undefined. */
export function onlineChannel(service: Pick<Service, 'onlineUrl'>, m: Municipality): OnlineChannel | undefined {
  const url = service.onlineUrl;
  if (!url) return undefined;
  if (url.startsWith('/')) return { href: url, internal: true };
  const values: Record<string, string> = { ars: m.ars, ags: agsOf(m.ars), municipality: m.name };
  const href = url.replace(/\{([a-z]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  return { href, internal: false };
}
