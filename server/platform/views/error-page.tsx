import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors.js';
import { pageContext } from './context.js';
import { Layout } from './layout.js';
import { sendHtml } from './render.js';

/**
 * The HTML error page: a plain message and the fields that were invalid, never internals; expired staff sessions
 * go back to the login.
 */
export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  if ((err.code === 'unauthenticated' || err.code === 'session_expired') && request.url.startsWith('/admin')) {
    // After a POST the form's own URL cannot be opened again; go back to the page the form was on.
    let back = request.method === 'GET' ? request.url : '/admin';
    if (request.method !== 'GET' && request.headers.referer) {
      const referer = new URL(request.headers.referer, 'http://local');
      const sameHost = referer.host === new URL(`http://${request.host}`).host;
      if (referer.pathname.startsWith('/admin') && sameHost) back = referer.pathname + referer.search;
    }
    const reason = err.code === 'session_expired' ? '&expired=1' : '';
    return reply.redirect(`/admin/login?next=${encodeURIComponent(back)}${reason}`, 303);
  }
  // A 404 outside every page scope has only the base headers, whose CSP would block the page's own CSS.
  reply.headers(request.server.documentHeaders);
  const ctx = pageContext(request, reply);
  const { t } = ctx.i18n;
  const key = `errors.${err.code}`;
  const title = t(`${key}.title`, { defaultValue: t('errors.internal.title') });
  const text = t(`${key}.text`, { defaultValue: t('errors.internal.text') });
  return sendHtml(
    reply,
    <Layout ctx={ctx} title={title} area={request.url.startsWith('/admin') ? 'admin' : 'citizen'}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{text}</p>
      {err.details && Object.keys(err.details).length > 0 && (
        <ul class="kern-list kern-list--bullet">
          {Object.entries(err.details).map(([field, message]) => (
            <li key={field}>
              {t('errors.field', { field })} {message}
            </li>
          ))}
        </ul>
      )}
      <p class="kern-body">
        <a class="kern-link" href={request.url.startsWith('/admin') ? '/admin' : '/'}>
          {t('errors.backHome')}
        </a>
      </p>
    </Layout>,
    err.status,
  );
}
