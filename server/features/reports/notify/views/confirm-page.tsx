import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { PrivateHead } from '../../core/views/private-page.js';

/**
 * The confirmation link of the double opt-in (/meldungen/bestaetigen/<token>): a button (a GET never confirms,
 * mail scanners follow links), or the thanks once the address is confirmed.
 */
export function ConfirmEmailPage({
  ctx,
  action,
  reference,
  confirmed,
}: {
  ctx: PageContext;
  action: string;
  reference: string;
  confirmed: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('reports.confirmEmail.title')} head={<PrivateHead />} styles={[assetUrl('reports.css')]}>
      <h1 class="kern-heading-large">{t('reports.confirmEmail.title')}</h1>
      {confirmed ? (
        <Notice kind="success" title={t('reports.confirmEmail.done', { reference })} />
      ) : (
        <>
          <p class="kern-body">{t('reports.confirmEmail.intro', { reference })}</p>
          <form method="post" action={action} class="bs-inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('reports.confirmEmail.confirm')}</span>
            </button>
          </form>
        </>
      )}
      <p class="kern-body bs-section">
        <a class="kern-link" href={`/meldungen/${encodeURIComponent(reference)}`}>
          {t('reports.confirmEmail.view', { reference })}
        </a>
      </p>
    </Layout>
  );
}
