import { randomUUID } from 'node:crypto';
import type { FieldErrors } from '../../../platform/errors.js';
import type { Category } from '../core/categories.js';
import { maxPhotos } from '../core/photos.js';
import type { LocationMethod, NewReportInput } from './submit-service.js';

/**
 * The citizen report form (/melden) as values: parsed from the multipart body, rendered back into the form on
 * every step and after errors (files excepted: browsers cannot be given them back), and turned into a
 * NewReportInput for submitReport. Field names here are the form's and the JSON API's (POST /api/reports).
 */
export interface CitizenFormValues {
  category: string;
  answers: Record<string, string | string[]>;
  /** How the location was given; '' without JavaScript (then inferred from the filled fields). */
  locationMethod: string;
  lat: string;
  lon: string;
  address: string;
  addressId: string;
  landmark: string;
  /** A landmark picked from the choice the form offered for an ambiguous text. */
  landmarkId: string;
  description: string;
  name: string;
  email: string;
  phone: string;
  notifyEmail: boolean;
  consent: boolean;
  /** The honeypot: people never see it; bots fill it. */
  website: string;
  /** The ALTCHA payload (only with JavaScript). */
  altcha: string;
  /** One per form fill, so a resent form never files the report twice. */
  idempotencyKey: string;
  /** Nearby open reports of the category were shown already (no second stop before sending). */
  duplicatesShown: boolean;
  /** The draft whose photos the server keeps between the no-JavaScript steps ('' before the first photo). */
  draft: string;
  /** Kept photos of the draft the citizen removed. */
  removePhotos: string[];
}

/** A photo as the multipart parser hands it over (see pages.tsx onFile). */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export type FormBody = Record<string, unknown>;

export const jsMethods: readonly LocationMethod[] = ['map', 'gps', 'address', 'landmark', 'coordinates'];

export function emptyValues(): CitizenFormValues {
  return {
    category: '',
    answers: {},
    locationMethod: '',
    lat: '',
    lon: '',
    address: '',
    addressId: '',
    landmark: '',
    landmarkId: '',
    description: '',
    name: '',
    email: '',
    phone: '',
    notifyEmail: false,
    consent: false,
    website: '',
    altcha: '',
    idempotencyKey: randomUUID(),
    duplicatesShown: false,
    draft: '',
    removePhotos: [],
  };
}

function str(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

function strings(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}

const keyPattern = /^[\x21-\x7e]{8,128}$/;
const idPattern = /^[1-9]\d{0,15}$/;
const draftPattern = /^[A-Za-z0-9_-]{22,64}$/;

/** A choice the form offered (a radio list) wins over the field it answers; '' when not a valid id. */
function choice(body: FormBody, name: string, fallback: string): string {
  const picked = str(body, name).trim();
  return idPattern.test(picked) ? picked : fallback;
}

/** The form's values from a parsed body (strings, or arrays of them for repeated fields). */
export function readValues(body: FormBody): CitizenFormValues {
  const answers: Record<string, string | string[]> = {};
  for (const name of Object.keys(body)) {
    if (!name.startsWith('answers.')) continue;
    const code = name.slice('answers.'.length);
    const list = strings(body, name);
    if (code && list.length > 0) answers[code] = Array.isArray(body[name]) ? list : (list[0] ?? '');
  }
  const key = str(body, 'idempotencyKey').trim();
  return {
    category: str(body, 'category').trim(),
    answers,
    locationMethod: str(body, 'locationMethod').trim(),
    lat: str(body, 'lat').trim(),
    lon: str(body, 'lon').trim(),
    address: str(body, 'address').trim(),
    addressId: choice(body, 'addressChoice', str(body, 'addressId').trim()),
    landmark: str(body, 'landmark').trim(),
    landmarkId: choice(body, 'landmarkChoice', ''),
    description: str(body, 'description'),
    name: str(body, 'name').trim(),
    email: str(body, 'email').trim(),
    phone: str(body, 'phone').trim(),
    notifyEmail: str(body, 'notifyEmail') !== '',
    consent: str(body, 'consent') !== '',
    website: str(body, 'website'),
    altcha: str(body, 'altcha').trim(),
    idempotencyKey: keyPattern.test(key) ? key : randomUUID(),
    duplicatesShown: str(body, 'duplicatesShown') === '1',
    draft: draftPattern.test(str(body, 'draft')) ? str(body, 'draft') : '',
    removePhotos: strings(body, 'removePhotos').filter((id) => idPattern.test(id)),
  };
}

/** The non-empty uploads of the photo field (an empty file input still sends one empty part). */
export function readPhotos(body: FormBody): UploadedFile[] {
  const v = body.photos;
  return (Array.isArray(v) ? v : [v]).filter(
    (f): f is UploadedFile =>
      !!f && typeof f === 'object' && Buffer.isBuffer((f as UploadedFile).data) && (f as UploadedFile).data.length > 0,
  );
}

/** A coordinate as typed: "52.02" or "52,02"; undefined when empty, NaN when not a number. */
function coordinate(text: string): number | undefined {
  return text ? Number(text.replace(',', '.')) : undefined;
}

/**
 * How the location was given: the way chosen with JavaScript, else the first filled of address, coordinates,
 * landmark (so an address with a landmark as a hint counts as an address).
 */
export function locationMethodOf(v: CitizenFormValues): LocationMethod {
  if ((jsMethods as string[]).includes(v.locationMethod)) return v.locationMethod as LocationMethod;
  if (v.address || v.addressId) return 'address';
  if (v.lat || v.lon) return 'coordinates';
  if (v.landmark) return 'landmark';
  return 'address';
}

/** The location part of a report; problems with typed numbers come back as field errors. */
export function locationOf(v: CitizenFormValues, errors: FieldErrors): NewReportInput['location'] {
  const method = locationMethodOf(v);
  const location: NewReportInput['location'] = { method };
  const withPoint = method !== 'address';
  if (withPoint) {
    const lat = coordinate(v.lat);
    const lon = coordinate(v.lon);
    if (lat !== undefined && !Number.isFinite(lat)) errors.lat = 'reports.form.errors.notANumber';
    if (lon !== undefined && !Number.isFinite(lon)) errors.lon = 'reports.form.errors.notANumber';
    if (lat !== undefined && Number.isFinite(lat)) location.lat = lat;
    if (lon !== undefined && Number.isFinite(lon)) location.lon = lon;
  }
  if (method === 'address') {
    const id = Number(v.addressId);
    if (v.addressId && Number.isSafeInteger(id) && id > 0) location.addressId = id;
    if (v.address) location.addressText = v.address;
  }
  if (v.landmark) location.landmark = v.landmark;
  const landmarkId = Number(v.landmarkId);
  if (method === 'landmark' && v.landmarkId && Number.isSafeInteger(landmarkId)) location.landmarkId = landmarkId;
  return location;
}

/** The answers to the chosen category's questions only (multi-value lists always as arrays). */
export function answersFor(category: Category | undefined, v: CitizenFormValues): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const q of category?.questions ?? []) {
    const given = v.answers[q.code];
    if (given === undefined) continue;
    out[q.code] = q.datatype === 'multivaluelist' ? ([] as string[]).concat(given) : ([given].flat()[0] ?? '');
  }
  return out;
}

/** Problems with the uploads the service cannot see (the parser cut them off), as field errors. */
export function uploadErrors(photos: UploadedFile[], errors: FieldErrors): void {
  if (photos.length > maxPhotos) errors.photos = 'reports-core.errors.photos_too_many';
  else if (photos.some((p) => p.truncated)) errors.photos = 'reports-core.errors.photo_too_large';
}

/** What submitReport gets from a filled form. */
export function toNewReport(
  v: CitizenFormValues,
  category: Category | undefined,
  photos: UploadedFile[],
  language: 'de' | 'en',
  errors: FieldErrors,
): NewReportInput {
  return {
    categoryCode: v.category,
    description: v.description,
    answers: answersFor(category, v),
    location: locationOf(v, errors),
    photos: photos.map((p) => ({ data: p.data, filename: p.filename || undefined })),
    contact: {
      name: v.name || undefined,
      email: v.email || undefined,
      phone: v.phone || undefined,
      notifyEmail: v.notifyEmail,
      consent: v.consent,
    },
    language,
    source: 'web',
    proofOfWork: v.altcha || undefined,
    honeypot: v.website || undefined,
  };
}
