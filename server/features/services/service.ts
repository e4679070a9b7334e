import { readFileSync } from 'node:fs';
import { resolveFromRoot } from '../../platform/config.js';
import { afterCommit, type Queryable } from '../../platform/db.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../platform/errors.js';
import { invalidateResponses } from '../../platform/http/response-cache.js';
import { type AuditActor, recordAudit } from '../audit/service.js';
import { indexDocuments, removeDocuments, type SearchDocument } from '../search/documents.js';
import { isOpenAt } from '../waste/info/opening-hours.js';
import type { Office, OfficeInput, Service, ServiceInput, ServiceTopic } from './model.js';
import {
  deleteServiceRow,
  officeKeyTaken,
  selectOffice,
  selectOfficeByKey,
  selectOffices,
  selectService,
  selectServiceBySlug,
  selectServices,
  serviceSlugTaken,
  updateOfficeRow,
  updateServiceRow,
  upsertOffice,
  upsertService,
} from './queries.js';

/** Cache tag of the A–Z page (the same for everyone); forgotten after every change of services or offices. */
export const servicesCacheTag = (municipalityId: string) => `services:${municipalityId}`;
/** The office whose phone and hours the start page shows: the BürgerServiceCenter. */
export const bscOfficeKey = 'bsc';

/** Forgets the cached A–Z page and start page once the transaction `tx` has committed. */
export function forgetServiceCaches(tx: Queryable, municipalityId: string): void {
  afterCommit(tx, () => {
    invalidateResponses(servicesCacheTag(municipalityId));
    invalidateResponses(`pages:${municipalityId}`);
  });
}

/** The path of a service's page (its stable URL). */
export const servicePath = (slug: string) => `/leistungen/${slug}`;

/** What the search knows of a service: names, synonyms as keywords, summary and the plain description. */
export function serviceDocument(s: Service): SearchDocument {
  return {
    kind: 'service',
    ref: s.slug,
    url: servicePath(s.slug),
    title: { de: s.name.de, en: s.name.en ?? null },
    summary: { de: s.summary.de, en: s.summary.en ?? null },
    body: { de: s.description.de, en: s.description.en ?? null },
    keywords: s.synonyms,
    updatedAt: s.updatedAt,
  };
}

/** Every service (optionally of one topic), by German name. */
export function listServices(deps: Deps, municipalityId: string, topic?: ServiceTopic): Promise<Service[]> {
  return selectServices(deps.db, municipalityId, topic);
}

/** Every office, by German name. */
export function listOffices(deps: Deps, municipalityId: string): Promise<Office[]> {
  return selectOffices(deps.db, municipalityId);
}

export interface OfficeNow extends Office {
  openNow: boolean;
}

/** An office with "open now" on the municipality's wall clock (closed on public holidays). */
export function withOpenNow(deps: Deps, office: Office): OfficeNow {
  const m = deps.config.municipality;
  return { ...office, openNow: isOpenAt(office.hours, deps.now(), m.timeZone, m.holidayRegion) };
}

/** A service by its slug with its office (and "open now"); throws not_found. */
export async function getServicePage(deps: Deps, municipalityId: string, slug: string) {
  const service = await selectServiceBySlug(deps.db, municipalityId, slug);
  if (!service) throw notFound('Service');
  const office = await selectOffice(deps.db, municipalityId, service.officeId);
  if (!office) throw notFound('Office');
  return { service, office: withOpenNow(deps, office) };
}

/** The office with this key and whether it is open now (the online applications' analog channel), or undefined. */
export async function findOfficeByKey(deps: Deps, municipalityId: string, key: string): Promise<OfficeNow | undefined> {
  const office = await selectOfficeByKey(deps.db, municipalityId, key);
  return office ? withOpenNow(deps, office) : undefined;
}

export interface BscContact {
  name: Office['name'];
  phone: string;
  hours: Office['hours'];
  hoursNote: Office['hoursNote'];
  openNow: boolean;
}

/** The BürgerServiceCenter's name, phone, hours and "open now" (the office with key `bsc`), or undefined. */
export async function findBscContact(deps: Deps, municipalityId: string): Promise<BscContact | undefined> {
  const office = await selectOfficeByKey(deps.db, municipalityId, bscOfficeKey);
  if (!office) return undefined;
  const { name, phone, hours, hoursNote, openNow } = withOpenNow(deps, office);
  return { name, phone: phone || deps.config.municipality.bscPhone, hours, hoursNote, openNow };
}

export async function getService(deps: Deps, municipalityId: string, id: number): Promise<Service> {
  const row = await selectService(deps.db, municipalityId, id);
  if (!row) throw notFound('Service');
  return row;
}

export async function getOffice(deps: Deps, municipalityId: string, id: number): Promise<Office> {
  const row = await selectOffice(deps.db, municipalityId, id);
  if (!row) throw notFound('Office');
  return row;
}

const invalid = (errors: FieldErrors) => {
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', 'The form has invalid fields', errors);
};

async function officeIdOf(tx: Queryable, municipalityId: string, key: string): Promise<number> {
  const office = await selectOfficeByKey(tx, municipalityId, key);
  if (!office) throw new AppError('validation_failed', 'Unknown office', { office: 'services.errors.officeUnknown' });
  return office.id;
}

/**
 * Creates (id undefined) or changes a service in one transaction with its audit entry and search document.
 * Throws validation_failed (field errors, `errors` of the caller's validation included), not_found or conflict.
 */
export async function saveService(
  deps: Deps,
  municipalityId: string,
  id: number | undefined,
  input: ServiceInput,
  errors: FieldErrors,
  actor: AuditActor,
): Promise<Service> {
  invalid(errors);
  return deps.db.transaction(async (tx) => {
    const before = id === undefined ? undefined : await selectService(tx, municipalityId, id, true);
    if (id !== undefined && !before) throw notFound('Service');
    if (await serviceSlugTaken(tx, municipalityId, input.slug, id)) {
      throw new AppError('conflict', 'Slug taken', { slug: 'services.errors.slugTaken' });
    }
    const officeId = await officeIdOf(tx, municipalityId, input.office);
    const at = deps.now();
    const after =
      id === undefined
        ? await upsertService(tx, municipalityId, input, officeId, at)
        : await updateServiceRow(tx, municipalityId, id, input, officeId, at);
    if (before && before.slug !== after.slug) await removeDocuments(tx, municipalityId, 'service', [before.slug]);
    await indexDocuments(tx, municipalityId, [serviceDocument(after)]);
    const action = before ? 'service.update' : 'service.create';
    await recordAudit(tx, { municipalityId, actor, action, entityType: 'service', entityId: after.id, before, after });
    forgetServiceCaches(tx, municipalityId);
    return after;
  });
}

/** Deletes a service, its search document, with an audit entry. Throws not_found. */
export async function deleteService(deps: Deps, municipalityId: string, id: number, actor: AuditActor) {
  await deps.db.transaction(async (tx) => {
    const before = await selectService(tx, municipalityId, id, true);
    if (!before) throw notFound('Service');
    await deleteServiceRow(tx, municipalityId, id);
    await removeDocuments(tx, municipalityId, 'service', [before.slug]);
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: 'service.delete',
      entityType: 'service',
      entityId: id,
      before,
    });
    forgetServiceCaches(tx, municipalityId);
  });
}

/** Creates (id undefined) or changes an office with its audit entry. Throws validation_failed, not_found, conflict. */
export async function saveOffice(
  deps: Deps,
  municipalityId: string,
  id: number | undefined,
  input: OfficeInput,
  errors: FieldErrors,
  actor: AuditActor,
): Promise<Office> {
  invalid(errors);
  return deps.db.transaction(async (tx) => {
    const before = id === undefined ? undefined : await selectOffice(tx, municipalityId, id, true);
    if (id !== undefined && !before) throw notFound('Office');
    if (await officeKeyTaken(tx, municipalityId, input.key, id)) {
      throw new AppError('conflict', 'Key taken', { key: 'services.errors.slugTaken' });
    }
    const at = deps.now();
    const after =
      id === undefined
        ? await upsertOffice(tx, municipalityId, input, at)
        : await updateOfficeRow(tx, municipalityId, id, input, at);
    const action = before ? 'service-office.update' : 'service-office.create';
    await recordAudit(tx, {
      municipalityId,
      actor,
      action,
      entityType: 'service-office',
      entityId: after.id,
      before,
      after,
    });
    forgetServiceCaches(tx, municipalityId);
    return after;
  });
}

/** The Bielefeld demo file (docs/services-import.md JSON format). */
export const demoServicesFile = resolveFromRoot('server', 'features', 'services', 'data', 'services.json');

export function readDemoServices(): string {
  return readFileSync(demoServicesFile, 'utf8');
}

const fold = (s: string) =>
  s
    .toLocaleLowerCase('de-DE')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** The services whose names (German or English) or synonyms contain the text (case and accents ignored). */
export function filterByName(services: Service[], q: string): Service[] {
  const needle = fold(q.trim());
  if (!needle) return services;
  return services.filter((s) => fold([s.name.de, s.name.en ?? '', ...s.synonyms].join(' ')).includes(needle));
}
