import { parseAddressQuery } from '../../../shared/address-normalize.js';
import type { App, Deps } from '../../platform/deps.js';
import { pageQuerySchema } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addHomeModule } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { presentAddress } from './present.js';
import { searchAddressesByText } from './service.js';
import { AddressSearchPage } from './views/search-page.js';

/** Results the page lists: more than the autocomplete shows, still one screen. */
const pageLimit = 20;
const maxQueryLength = 200;

/** Which translated problem a typed query has, if any. */
function queryProblem(q: string): string | undefined {
  if (q.length < 2) return 'addresses.errors.tooShort';
  if (q.length > maxQueryLength) return 'addresses.errors.tooLong';
  if (!parseAddressQuery(q).key) return 'addresses.errors.noStreet';
  return undefined;
}

/** The citizen page "Adresse finden" and its start-page tile. */
export default async function addressPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  addHomeModule(app, {
    href: '/adressen',
    titleKey: 'addresses.module.title',
    textKey: 'addresses.module.text',
    order: 50,
  });

  app.get(
    '/adressen',
    {
      schema: { hide: true, querystring: pageQuerySchema },
      config: { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const raw = request.query.q;
      const q = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).replace(/\s+/g, ' ').trim();
      const ctx = pageContext(request, reply);
      if (!q) return sendHtml(reply, <AddressSearchPage ctx={ctx} q="" />);
      const problem = queryProblem(q);
      if (problem) {
        const error = ctx.i18n.t(problem, { max: maxQueryLength });
        return sendHtml(reply, <AddressSearchPage ctx={ctx} q={q.slice(0, maxQueryLength)} error={error} />, 400);
      }
      const rows = await searchAddressesByText(deps, municipalityId, q, pageLimit);
      return sendHtml(reply, <AddressSearchPage ctx={ctx} q={q} results={rows.map(presentAddress)} />);
    },
  );
}
