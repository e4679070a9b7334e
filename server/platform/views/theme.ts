import { createHash } from 'node:crypto';
import type { Municipality } from '../config.js';

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.x relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const white = '#ffffff';
const ink = '#131525';
// The lightest surface links sit on (KERN neutral-025), so a primary used for links keeps 4.5:1 everywhere.
const lightSurface = '#f5f5f8';

/**
 * The municipality's colours as CSS custom properties. The primary colour also becomes KERN's action colour (links,
 * buttons) in light mode, but only when it keeps the 4.5:1 text contrast; otherwise KERN's own blue stays.
 */
export function themeCss(m: Municipality): string {
  const primary = m.colours.primary.toLowerCase();
  const onPrimary = contrastRatio(primary, white) >= contrastRatio(primary, ink) ? white : ink;
  const lines = [`:root{--bs-primary:${primary};--bs-on-primary:${onPrimary}}`];
  if (contrastRatio(primary, white) >= 4.5 && contrastRatio(primary, lightSurface) >= 4.5) {
    lines.push(`@media (prefers-color-scheme:light){:root{--kern-color-action-default:${primary}}}`);
  }
  return `${lines.join('\n')}\n`;
}

const versions = new WeakMap<Municipality, string>();

/** A short content hash of the theme, so /theme.css can be cached as immutable under a versioned URL. */
export function themeVersion(m: Municipality): string {
  let v = versions.get(m);
  if (!v) {
    v = createHash('sha256').update(themeCss(m)).digest('base64url').slice(0, 10);
    versions.set(m, v);
  }
  return v;
}

export function themeUrl(m: Municipality): string {
  return `/theme.css?v=${themeVersion(m)}`;
}
