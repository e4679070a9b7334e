import { slugify } from '../../../shared/formats.js';
import { AppError, type FieldErrors } from '../../platform/errors.js';
import { isPlatformInterface } from './interfaces.js';
import type { PlatformFields } from './queries.js';

// What editors type into the data platform form, checked and trimmed; messages are i18n keys per field.

export const limits = { name: 150, offers: 2000, operator: 200, url: 500, slug: 80 } as const;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface PlatformInput {
  slug: string;
  nameDe: string;
  nameEn: string;
  offersDe: string;
  offersEn: string;
  interfaces: string[];
  url: string;
  operatorDe: string;
  operatorEn: string;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const orNull = (s: string) => oneLine(s) || null;

/** An address on the web (http/https) or a path on our own origin ("/api/docs"). */
export function isPlatformUrl(s: string): boolean {
  if (/^\/(?!\/)[^\s]*$/.test(s)) return true;
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Checks a platform form; throws validation_failed with a key per field. The slug defaults to the name's. */
export function cleanPlatform(input: PlatformInput): PlatformFields {
  const e: FieldErrors = {};
  const nameDe = oneLine(input.nameDe);
  const offersDe = oneLine(input.offersDe);
  const operatorDe = oneLine(input.operatorDe);
  const f: PlatformFields = {
    slug: (input.slug.trim() || slugify(nameDe, limits.slug)).toLowerCase(),
    nameDe,
    nameEn: orNull(input.nameEn),
    offersDe,
    offersEn: orNull(input.offersEn),
    interfaces: [...new Set(input.interfaces)],
    url: input.url.trim() || null,
    operatorDe,
    operatorEn: orNull(input.operatorEn),
  };
  if (!nameDe) e.nameDe = 'platforms.errors.nameRequired';
  if (!offersDe) e.offersDe = 'platforms.errors.offersRequired';
  if (!operatorDe) e.operatorDe = 'platforms.errors.operatorRequired';
  for (const [k, max] of [
    ['nameDe', limits.name],
    ['nameEn', limits.name],
    ['offersDe', limits.offers],
    ['offersEn', limits.offers],
    ['operatorDe', limits.operator],
    ['operatorEn', limits.operator],
  ] as const) {
    if ((f[k]?.length ?? 0) > max) e[k] = 'platforms.errors.tooLong';
  }
  if (nameDe && (f.slug.length > limits.slug || !slugPattern.test(f.slug))) e.slug = 'platforms.errors.slugInvalid';
  if (f.url && (f.url.length > limits.url || !isPlatformUrl(f.url))) e.url = 'platforms.errors.urlInvalid';
  if (!f.interfaces.every(isPlatformInterface)) e.interfaces = 'platforms.errors.interfaceUnknown';
  if (Object.keys(e).length) throw new AppError('validation_failed', 'The platform has invalid fields', e);
  return f;
}
