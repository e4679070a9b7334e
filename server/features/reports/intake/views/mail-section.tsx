import { CsrfField, Notice } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';

/** The reporter's mail setting as the status page shows it, and the notice after a change. */
export interface ReporterMail {
  hasEmail: boolean;
  notifyEmail: boolean;
  /** The address is confirmed; until then status mails wait for the confirmation link (double opt-in). */
  confirmed: boolean;
  notice?: 'stopped' | 'resumed' | 'confirm';
}

/** The reporter's mail setting on the status page: stop mails, or turn them on again while an address is stored. */
export function ReporterMailSection({
  ctx,
  action,
  mail,
  notice,
}: {
  ctx: PageContext;
  /** Where the form posts (the status page's own path + /email). */
  action: string;
  mail: Omit<ReporterMail, 'notice'>;
  notice?: ReporterMail['notice'];
}) {
  const { t } = ctx.i18n;
  if (!mail.hasEmail && !notice) return null;
  return (
    <section class="bs-section bs-stack" aria-labelledby="mail-heading">
      <h2 class="kern-heading-medium" id="mail-heading">
        {t('reports.unsubscribe.reporter.heading')}
      </h2>
      {notice && (
        <Notice kind={notice === 'confirm' ? 'info' : 'success'} title={t(`reports.unsubscribe.reporter.${notice}`)} />
      )}
      {mail.notifyEmail ? (
        <>
          <p class="kern-body">{t(`reports.unsubscribe.reporter.${mail.confirmed ? 'on' : 'pending'}`)}</p>
          <form method="post" action={action} class="bs-inline-form">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="notify" value="off" />
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('reports.unsubscribe.reporter.stop')}</span>
            </button>
          </form>
        </>
      ) : (
        <>
          <p class="kern-body">{t('reports.unsubscribe.reporter.off')}</p>
          {mail.hasEmail && (
            <form method="post" action={action} class="bs-inline-form">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="notify" value="on" />
              <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t('reports.unsubscribe.reporter.resume')}</span>
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
