import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/deps.js';
import { localPath } from '../../platform/http/next-path.js';
import { formBodySchema, pageQuerySchema, single } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { parseAttributeList } from './attributes.js';
import { isTrustLevel, type TrustLevel } from './levels.js';
import type { LoginOutcome, RefusalReason } from './login-outcome.js';
import { createOidcRp, oidcCallbackPath } from './oidc-rp.js';
import { createSamlSp, samlPaths } from './saml-sp.js';
import {
  citizenLoginEnabled,
  endCitizenSession,
  findCitizen,
  loginPath,
  loginUrl,
  logoutPath,
  startCitizenSession,
} from './service.js';
import { LoginErrorPage, LoginOffPage, LoginStatusPage } from './views/login-pages.js';

export const statusPath = '/antraege/anmeldung';

/**
 * Citizen login (BundID over SAML, or OIDC): the login start, the SAML metadata and ACS, the OIDC callback, logout
 * and the "Ihre Anmeldung" page. With CITIZEN_LOGIN=off the start page says what to do instead.
 */
export default async function citizenPages(app: App, deps: Deps): Promise<void> {
  const { config } = deps;
  const mode = config.citizenLogin.mode;
  const saml = mode === 'saml' ? await createSamlSp(deps) : undefined;
  const oidc = mode === 'oidc' ? createOidcRp(deps) : undefined;
  const throttled = { rateLimit: { max: config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  const page = { schema: { hide: true, querystring: pageQuerySchema } };

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: RefusalReason, detail: string) => {
    // The reason is logged for operators; the page only says what to do.
    request.server.logger.warn({ reason, detail, reqId: request.id }, 'citizen login refused');
    return sendHtml(
      reply,
      <LoginErrorPage ctx={pageContext(request, reply)} reason={reason} />,
      reason === 'level' ? 403 : 400,
    );
  };
  const complete = async (request: FastifyRequest, reply: FastifyReply, outcome: LoginOutcome) => {
    if (!outcome.ok) return refuse(request, reply, outcome.reason, outcome.detail);
    await startCitizenSession(deps, reply, outcome);
    return reply.redirect(outcome.nextPath, 303);
  };

  app.get(loginPath, { ...page, config: throttled }, async (request, reply) => {
    if (!citizenLoginEnabled(config)) return sendHtml(reply, <LoginOffPage ctx={pageContext(request, reply)} />);
    const q = request.query;
    const rawLevel = single(q.niveau) ?? 'basic';
    if (!isTrustLevel(rawLevel)) return refuse(request, reply, 'refused', `unknown level ${rawLevel.slice(0, 20)}`);
    const want = {
      level: rawLevel as TrustLevel,
      attributes: parseAttributeList(single(q.merkmale)),
      // Only a path on this site: anything else (another host, //evil, encoded tricks) goes to the status page.
      nextPath: localPath(single(q.weiter), config.publicUrl, statusPath),
    };
    const target = saml ? await saml.authorizeUrl(want) : await oidc!.authorizeUrl(want);
    return reply.header('cache-control', 'no-store').redirect(target, 303);
  });

  if (saml) {
    app.get(samlPaths.metadata, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/samlmetadata+xml; charset=utf-8').send(saml.metadata()),
    );
    app.post(
      samlPaths.acs,
      {
        schema: { hide: true, body: formBodySchema },
        config: {
          ...throttled,
          csrfExempt: 'a cross-site POST from the IdP, authenticated by its signature and our single-use request ID',
        },
      },
      async (request, reply) => {
        const body = Object.fromEntries(
          Object.entries(request.body).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        return complete(request, reply, await saml.validate(body));
      },
    );
  }

  if (oidc) {
    app.get(oidcCallbackPath, { ...page, config: throttled }, async (request, reply) =>
      complete(request, reply, await oidc.callback(request.url)),
    );
  }

  app.post(logoutPath, { schema: { hide: true, body: formBodySchema } }, async (request, reply) => {
    await endCitizenSession(deps, request, reply);
    const next = single(request.body.weiter);
    return reply.redirect(localPath(next, config.publicUrl, `${statusPath}?abgemeldet=1`), 303);
  });

  app.get(statusPath, page, async (request, reply) => {
    const citizen = await findCitizen(deps, request);
    const ctx = pageContext(request, reply);
    const loginHref = loginUrl(statusPath, 'basic', []);
    return sendHtml(
      reply,
      <LoginStatusPage ctx={ctx} citizen={citizen} enabled={citizenLoginEnabled(config)} loginHref={loginHref} />,
    );
  });
}
