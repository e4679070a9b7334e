import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/deps.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { hasSavedAddresses, savedAddresses } from '../waste/citizen/saved-addresses.js';
import { findStartPanel } from '../waste/citizen/service.js';
import { EasyLanguagePage } from './views/easy-language.js';
import { SignLanguagePage } from './views/sign-language.js';
import { type HomePanelContent, StartPage } from './views/start.js';

/** The start-page panels of the modules (news, questions …) that have something to show, in their order. */
async function loadHomePanels(app: App, request: FastifyRequest): Promise<HomePanelContent[]> {
  const loaded = await Promise.all(app.homePanels.map(async (p) => ({ id: p.id, content: await p.load(request) })));
  return loaded.filter((p) => p.content !== null && p.content !== undefined);
}

/** The start page and the explanations in Leichte Sprache and Deutsche Gebärdensprache it links to. */
export default async function homeRoutes(app: App, deps: Deps): Promise<void> {
  // The same for every anonymous visitor: rendered once per language.
  const tag = `pages:${deps.config.municipality.id}`;
  const page = { schema: { hide: true }, config: { responseCache: pageCache(tag) } };
  // …except for a visitor with saved waste addresses: their next collections are theirs, never shared.
  const start = { schema: { hide: true }, config: { responseCache: pageCache(tag, 60, hasSavedAddresses) } };
  app.get('/', start, async (request, reply) => {
    const ids = savedAddresses(request);
    const [waste, panels] = await Promise.all([
      ids.length > 0 ? findStartPanel(deps, ids) : undefined,
      loadHomePanels(app, request),
    ]);
    return sendHtml(reply, <StartPage ctx={pageContext(request, reply)} waste={waste} panels={panels} />);
  });
  app.get('/leichte-sprache', page, async (request, reply) =>
    sendHtml(reply, <EasyLanguagePage ctx={pageContext(request, reply)} />),
  );
  app.get('/gebaerdensprache', page, async (request, reply) =>
    sendHtml(reply, <SignLanguagePage ctx={pageContext(request, reply)} />),
  );
}
