import type { App, Deps } from '../../platform/deps.js';
import { pageQuerySchema, single } from '../../platform/http/page-schemas.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { addHomeModule, addHomePanel } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { isServiceTopic } from './model.js';
import { filterByName, findBscContact, getServicePage, listServices, servicesCacheTag } from './service.js';
import { BscPanel } from './views/bsc-panel.js';
import { ServiceListPage } from './views/list-page.js';
import { ServicePage } from './views/service-page.js';

/** "Wo erledige ich was?": the A–Z (cached per URL and language), service pages, the start page's tile and panel. */
export default async function servicePages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, {
    href: '/leistungen',
    titleKey: 'services.module.title',
    textKey: 'services.module.text',
    order: 40,
  });
  addHomePanel(app, {
    id: 'bsc',
    order: 90,
    async load(request) {
      const bsc = await findBscContact(deps, municipalityId);
      return bsc ? <BscPanel ctx={{ i18n: request.i18n }} bsc={bsc} /> : null;
    },
  });

  app.get(
    '/leistungen',
    {
      schema: { hide: true, querystring: pageQuerySchema },
      config: { responseCache: pageCache(servicesCacheTag(municipalityId)), ...reads },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const q = (single(request.query.q) ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
      const wanted = single(request.query.thema) ?? '';
      const topic = isServiceTopic(wanted) ? wanted : undefined;
      const services = filterByName(await listServices(deps, municipalityId, topic), q);
      const filtered = Boolean(q || topic);
      return sendHtml(reply, <ServiceListPage ctx={ctx} services={services} q={q} topic={topic} filtered={filtered} />);
    },
  );

  // "Open now" changes by the minute: rendered per request.
  app.get<{ Params: { slug: string } }>(
    '/leistungen/:slug',
    { schema: { hide: true }, config: reads },
    async (request, reply) => {
      const { service, office } = await getServicePage(deps, municipalityId, request.params.slug);
      return sendHtml(reply, <ServicePage ctx={pageContext(request, reply)} service={service} office={office} />);
    },
  );
}
