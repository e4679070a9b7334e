import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { CitizenPrincipal } from '../../../citizens/service.js';
import { CitizenBar } from '../../../citizens/views/citizen-bar.js';
import type { ApplicationRow } from '../../core/applications-queries.js';
import type { Definition } from '../../core/definition.js';
import { lt } from './fields.js';

/** "Meine Anträge": the logged-in citizen's applications with their state; without login, how to get there. */
export function MailboxPage(p: {
  ctx: PageContext;
  rows?: ApplicationRow[];
  titles?: Map<string, Definition>;
  citizen?: CitizenPrincipal;
  loginHref?: string;
}) {
  const { ctx } = p;
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('applications.mailbox.title')}>
      {p.citizen && <CitizenBar ctx={ctx} citizen={p.citizen} next="/antraege" />}
      <h1 class="kern-heading-large">{t('applications.mailbox.title')}</h1>
      {!p.rows ? (
        <>
          <p class="kern-body">{t('applications.mailbox.anonymous')}</p>
          {p.loginHref && (
            <p class="kern-body">
              <a class="kern-btn kern-btn--primary" href={p.loginHref}>
                <span class="kern-label">{t('applications.mailbox.login')}</span>
              </a>
            </p>
          )}
        </>
      ) : p.rows.length === 0 ? (
        <p class="kern-body">{t('applications.mailbox.empty')}</p>
      ) : (
        <ul class="kern-list">
          {p.rows.map((r) => {
            const def = p.titles?.get(r.formSlug);
            return (
              <li key={r.id}>
                <a class="kern-link" href={`/antraege/postfach/${r.id}`}>
                  {`${def ? lt(ctx, def.title) : r.formSlug} – ${r.reference}`}
                </a>
                {` – ${t(`applications.statuses.${r.status}`)}, ${ctx.i18n.dateTime(r.updatedAt)}`}
              </li>
            );
          })}
        </ul>
      )}
      <p class="kern-body">
        <a class="kern-link" href="/antraege">
          {t('applications.list.back')}
        </a>
      </p>
    </Layout>
  );
}
