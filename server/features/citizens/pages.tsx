import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../platform/deps.js';
import { localPath } from '../../platform/http/next-path.js';
import { formBodySchema, pageQuerySchema, single } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { sendHtml } from '../../platform/views/render.js';
import { parseAttributeList } from './attributes.js';
import { isTrustLevel, type TrustLevel } from './levels.js';
import {
  bindLoginToBrowser,
  browserHashOf,
  clearLoginCookie,
  completionPath,
  holdLoginCompletion,
  sameBrowser,
  takeCompletion,
} from './login-binding.js';
import type { RefusalReason } from './login-outcome.js';
import { createOidcRp, oidcCallbackPath } from './oidc-rp.js';
import { createSamlSp, samlPaths } from './saml-sp.js';
import {
  citizenLoginEnabled,
  endCitizenSession,
  findCitizen,
  grantOf,
  loginPath,
  loginUrl,
  logoutPath,
  type SessionGrant,
  startCitizenSession,
} from './service.js';
import { LoginErrorPage, LoginOffPage, LoginStatusPage } from './views/login-pages.js';

export const statusPath = '/antraege/anmeldung';

/**
 * Citizen login (BundID over SAML, or OIDC): the login start, the SAML metadata, ACS and completion step, the OIDC
 * callback, logout and the "Ihre Anmeldung" page. With CITIZEN_LOGIN=off the start page says what to do instead.
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
  // The session is only ever started in the browser that started the login (see login-binding.ts).
  const complete = async (reply: FastifyReply, grant: SessionGrant, nextPath: string) => {
    await startCitizenSession(deps, reply, grant);
    clearLoginCookie(config, reply);
    return reply.header('cache-control', 'no-store').redirect(nextPath, 303);
  };

  app.get(loginPath, { ...page, config: throttled }, async (request, reply) => {
    if (!citizenLoginEnabled(config)) return sendHtml(reply, <LoginOffPage ctx={pageContext(request, reply)} />);
    const q = request.query;
    const rawLevel = single(q.niveau) ?? 'basic';
    if (!isTrustLevel(rawLevel)) return refuse(request, reply, 'refused', `unknown level ${rawLevel.slice(0, 20)}`);
    const want = {
      browserHash: bindLoginToBrowser(config, request, reply),
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
          csrfExempt:
            'a cross-site POST from the IdP, authenticated by its signature and our single-use request ID; it starts ' +
            'no session (the completion step does, in the browser that began the login)',
        },
      },
      async (request, reply) => {
        const body = Object.fromEntries(
          Object.entries(request.body).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        const outcome = await saml.validate(body);
        if (!outcome.ok) return refuse(request, reply, outcome.reason, outcome.detail);
        // A cross-site POST carries no Lax cookie: the session waits for the browser's GET to the completion step.
        if (!outcome.browserHash) return refuse(request, reply, 'browser', 'request without login cookie');
        const { requestId, browserHash, nextPath } = outcome;
        const next = await holdLoginCompletion(deps, { ...grantOf(config, outcome), requestId, browserHash, nextPath });
        return reply.header('cache-control', 'no-store').redirect(next, 303);
      },
    );
    app.get(completionPath, { ...page, config: throttled }, async (request, reply) => {
      const completion = await takeCompletion(deps, single(request.query.code));
      if (!completion) return refuse(request, reply, 'expired', 'completion code unknown, used or expired');
      const { browserHash, nextPath, requestId } = completion;
      if (!sameBrowser(browserHash, browserHashOf(request))) {
        const detail = `${browserHashOf(request) ? 'other' : 'no'} login cookie for request ${requestId.slice(0, 50)}`;
        return refuse(request, reply, 'browser', detail);
      }
      return complete(reply, completion, nextPath);
    });
  }

  if (oidc) {
    app.get(oidcCallbackPath, { ...page, config: throttled }, async (request, reply) => {
      const outcome = await oidc.callback(request.url, browserHashOf(request));
      if (!outcome.ok) return refuse(request, reply, outcome.reason, outcome.detail);
      return complete(reply, grantOf(config, outcome), outcome.nextPath);
    });
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
