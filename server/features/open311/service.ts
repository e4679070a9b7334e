import type { Deps } from '../../platform/deps.js';
import type { Language } from '../../platform/i18n.js';
import {
  type Category,
  categoriesChangedAt,
  listCategories,
  listCategoryKeywords,
  selectableCategories,
} from '../reports/core/categories.js';
import { listPublicRequests } from '../reports/public/requests-service.js';
import { notFound } from './errors.js';
import { extensionsWanted, parseRequestFilter, type RawParams, single } from './params.js';
import {
  type Open311Request,
  type Open311Service,
  presentRequest,
  presentService,
  presentServiceDefinition,
} from './present.js';

/** What every use case needs from the request: its language and a translator in it. */
export interface Open311Context {
  lang: Language;
  t: (key: string, params?: Record<string, unknown>) => string;
}

/**
 * The identifiers this endpoint answers to as `jurisdiction_id`: the municipality's key, its Amtlicher
 * Regionalschlüssel and the host names of its website and of this server (without "www.", as the specification
 * suggests). One jurisdiction per deployment, so the argument is optional.
 */
export function jurisdictionIds(config: Deps['config']): string[] {
  const m = config.municipality;
  const host = (url: string) => new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  return [...new Set([m.id, m.ars, host(m.contact.website), host(config.publicUrl)])];
}

/** Throws a GeoReport 404 for a jurisdiction_id this endpoint does not serve; an empty one counts as absent. */
export function checkJurisdiction(deps: Deps, params: RawParams): void {
  const given = single(params, 'jurisdiction_id')?.toLowerCase();
  if (given && !jurisdictionIds(deps.config).includes(given.replace(/^www\./, ''))) {
    throw notFound({ key: 'jurisdictionUnknown', param: 'jurisdiction_id', params: { value: given } });
  }
}

const notice = (ctx: Open311Context) => (days: number) => ctx.t('open311.notice', { count: days });

async function selectable(deps: Deps): Promise<{ all: Category[]; services: Category[] }> {
  const all = await listCategories(deps, deps.config.municipality.id);
  return { all, services: selectableCategories(all) };
}

/** GET services: every category a report can be filed under, grouped by its parent. */
export async function listServices(deps: Deps, ctx: Open311Context): Promise<Open311Service[]> {
  const municipalityId = deps.config.municipality.id;
  const [{ all, services }, keywords] = await Promise.all([
    selectable(deps),
    listCategoryKeywords(deps, municipalityId),
  ]);
  const byId = new Map(all.map((c) => [c.id, c]));
  return services.map((c) =>
    presentService(c, c.parentId === null ? undefined : byId.get(c.parentId), keywords.get(c.code) ?? [], ctx.lang),
  );
}

async function findService(deps: Deps, code: string): Promise<Category | undefined> {
  return (await selectable(deps)).services.find((c) => c.code === code);
}

/** GET a service definition: the category's extra questions as attributes. Throws 404 for an unknown code. */
export async function getServiceDefinition(deps: Deps, ctx: Open311Context, code: string) {
  const category = await findService(deps, code);
  if (!category) throw notFound({ key: 'serviceUnknown', param: 'service_code', params: { value: code } });
  return presentServiceDefinition(category, ctx.lang, ctx.t);
}

/** When services or definitions last changed (discovery changeset). */
export function servicesChangedAt(deps: Deps): Promise<Date | null> {
  return categoriesChangedAt(deps, deps.config.municipality.id);
}

const presentOptions = (deps: Deps, ctx: Open311Context) => ({
  lang: ctx.lang,
  timeZone: deps.config.municipality.timeZone,
  publicUrl: deps.config.publicUrl,
  city: deps.config.municipality.name,
  notice: notice(ctx),
});

/** GET requests: public requests by the specification's filters and our extensions; see parseRequestFilter. */
export async function listServiceRequests(
  deps: Deps,
  ctx: Open311Context,
  params: RawParams,
): Promise<Open311Request[]> {
  const m = deps.config.municipality;
  const filter = parseRequestFilter(params, { municipalityId: m.id, timeZone: m.timeZone, now: deps.now() });
  const rows = await listPublicRequests(deps, filter);
  const options = presentOptions(deps, ctx);
  return rows.map((row) => presentRequest(row, options));
}

/** GET a request: an array with the one public request. Throws 404 when it does not exist or is not public. */
export async function getServiceRequest(
  deps: Deps,
  ctx: Open311Context,
  reference: string,
  params: RawParams,
): Promise<Open311Request[]> {
  const rows = await listPublicRequests(deps, {
    municipalityId: deps.config.municipality.id,
    references: [reference],
    limit: 1,
    offset: 0,
    extended: extensionsWanted(params),
  });
  if (rows.length === 0) {
    throw notFound({ key: 'requestUnknown', param: 'service_request_id', params: { value: reference } });
  }
  return rows.map((row) => presentRequest(row, presentOptions(deps, ctx)));
}

/**
 * GET service_request_id from a token. Every service is `realtime`: POST answers the service_request_id at once
 * and never hands out a token, so no token exists and each one is answered 404 as the specification says.
 */
export function getToken(token: string): never {
  throw notFound({ key: 'tokenUnknown', param: 'token', params: { value: token } });
}
