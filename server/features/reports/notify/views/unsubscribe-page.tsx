import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { PrivateHead } from '../../core/views/private-page.js';

/**
 * A supporter's unsubscribe page (/meldungen/abbestellen/<token>): a confirm button (a GET never unsubscribes,
 * mail scanners follow links), or the confirmation once mails are off.
 */
export function SupporterUnsubscribePage({
  ctx,
  action,
  reference,
  notifyEmail,
}: {
  ctx: PageContext;
  action: string;
  reference: string;
  notifyEmail: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <Layout
      ctx={ctx}
      title={t('reports.unsubscribe.supporter.title')}
      head={<PrivateHead />}
      styles={[assetUrl('reports.css')]}
    >
      <h1 class="kern-heading-large">{t('reports.unsubscribe.supporter.title')}</h1>
      {notifyEmail ? (
        <>
          <p class="kern-body">{t('reports.unsubscribe.supporter.intro', { reference })}</p>
          <form method="post" action={action} class="bs-inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('reports.unsubscribe.supporter.confirm')}</span>
            </button>
          </form>
        </>
      ) : (
        <Notice kind="success" title={t('reports.unsubscribe.supporter.done', { reference })} />
      )}
      <p class="kern-body bs-section">
        <a class="kern-link" href={`/meldungen/${encodeURIComponent(reference)}`}>
          {t('reports.unsubscribe.supporter.view', { reference })}
        </a>
      </p>
    </Layout>
  );
}
