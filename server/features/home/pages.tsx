import type { App, Deps } from '../../platform/deps.js';
import { pageCache } from '../../platform/http/response-cache.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { EasyLanguagePage } from './views/easy-language.js';
import { SignLanguagePage } from './views/sign-language.js';
import { StartPage } from './views/start.js';

/** The start page and the explanations in Leichte Sprache and Deutsche Gebärdensprache it links to. */
export default async function homeRoutes(app: App, deps: Deps): Promise<void> {
  // The same for every anonymous visitor: rendered once per language.
  const page = { schema: { hide: true }, config: { responseCache: pageCache(`pages:${deps.config.municipality.id}`) } };
  app.get('/', page, async (request, reply) => sendHtml(reply, <StartPage ctx={pageContext(request, reply)} />));
  app.get('/leichte-sprache', page, async (request, reply) =>
    sendHtml(reply, <EasyLanguagePage ctx={pageContext(request, reply)} />),
  );
  app.get('/gebaerdensprache', page, async (request, reply) =>
    sendHtml(reply, <SignLanguagePage ctx={pageContext(request, reply)} />),
  );
}
