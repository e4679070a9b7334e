import { Notice } from '../../../../platform/views/admin-layout.js';
import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';

/** The thank-you page after "Das ist auch mein Anliegen" (the reporter became a supporter, no new report). */
export function SupportedPage({
  ctx,
  reference,
  mailed,
  already,
}: {
  ctx: PageContext;
  reference: string;
  /** Updates were asked for ('confirm': after the address is confirmed). */
  mailed: boolean | 'confirm';
  /** The address supported (or reported) this report before: nothing new was noted. */
  already: boolean;
}) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('reports.supported.title')} styles={[assetUrl('reports.css')]}>
      <h1 class="kern-heading-large">{t('reports.supported.title')}</h1>
      {already ? (
        <Notice kind="info" title={t('reports.supported.already', { reference })}>
          <p class="kern-body">{t('reports.supported.alreadyText')}</p>
        </Notice>
      ) : (
        <Notice kind="success" title={t('reports.supported.saved', { reference })}>
          <p class="kern-body">{t('reports.supported.text')}</p>
        </Notice>
      )}
      {mailed && (
        <p class="kern-body">{t(mailed === 'confirm' ? 'reports.confirmEmail.pending' : 'reports.supported.mail')}</p>
      )}
      <ul class="bs-receipt__more">
        <li>
          <a class="kern-link" href={`/meldungen/${encodeURIComponent(reference)}`}>
            {t('reports.supported.view', { reference })}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/melden">
            {t('reports.supported.another')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
