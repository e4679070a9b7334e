import type { PageContext } from '../../../../platform/views/context.js';
import { Layout } from '../../../../platform/views/layout.js';
import { reportFormAssets } from '../../core/views/map-attributes.js';
import { PrivateHead } from '../../core/views/private-page.js';
import { MineNote } from './mine-note.js';
import { FollowByPush } from './push-follow.js';

interface ReceiptProps {
  ctx: PageContext;
  reference: string;
  /** The status link: a path for the link, the full URL to copy and bookmark. */
  statusPath: string;
  statusUrl: string;
  /** The reporter gave an e-mail address and asked for updates ('confirm': the address must be confirmed first). */
  mailed?: boolean | 'confirm';
}

/**
 * What the reporter gets after sending: the reference, the private status link (to copy and bookmark), what
 * happens next. Rendered by the receipt page, and as a template the script fills after sending with JavaScript.
 */
export function ReceiptBody({ ctx, reference, statusPath, statusUrl, mailed }: ReceiptProps) {
  const { t } = ctx.i18n;
  return (
    <div class="bs-receipt bs-stack" data-receipt>
      <h1 class="kern-heading-large" tabindex={-1} data-receipt-heading>
        {t('reports.receipt.heading')}
      </h1>
      <div class="kern-alert kern-alert--success" role="status">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--success" aria-hidden="true" />
          <p class="kern-title">{t('reports.receipt.saved')}</p>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{t('reports.receipt.referenceLabel')}</p>
          <p class="bs-receipt__reference" data-slot="reference">
            {reference}
          </p>
        </div>
      </div>
      <section class="bs-stack" aria-labelledby="status-link-heading">
        <h2 class="kern-heading-medium" id="status-link-heading">
          {t('reports.receipt.linkHeading')}
        </h2>
        <p class="kern-body">{t('reports.receipt.linkText')}</p>
        <div class="kern-form-input bs-receipt__link">
          <label class="kern-label" for="status-link">
            {t('reports.receipt.linkLabel')}
          </label>
          <input
            class="kern-form-input__input"
            id="status-link"
            type="text"
            readonly
            value={statusUrl}
            spellcheck={false}
            data-slot="status-url"
          />
        </div>
        <div class="bs-actions">
          <a class="kern-btn kern-btn--primary" href={statusPath} data-slot="status-link">
            <span class="kern-label">{t('reports.receipt.open')}</span>
          </a>
          <button type="button" class="kern-btn kern-btn--secondary" data-copy="status-link" hidden>
            <span class="kern-label">{t('reports.receipt.copy')}</span>
          </button>
        </div>
        <p class="kern-body bs-muted" role="status" data-copy-status data-msg-copied={t('reports.receipt.copied')} />
        <p class="kern-body">{t('reports.receipt.bookmark')}</p>
      </section>
      <FollowByPush ctx={ctx} statusPath={statusPath} />
      <MineNote ctx={ctx} />
      <section class="bs-stack" aria-labelledby="next-heading">
        <h2 class="kern-heading-medium" id="next-heading">
          {t('reports.receipt.nextHeading')}
        </h2>
        <ol class="kern-list bs-receipt__steps">
          <li>{t('reports.receipt.next1', { bsc: ctx.municipality.bscName })}</li>
          <li>{t('reports.receipt.next2')}</li>
          <li data-slot="mail" data-msg-mail={t('reports.receipt.next3Mail')}>
            {mailed === 'confirm'
              ? t('reports.confirmEmail.pending')
              : t(mailed ? 'reports.receipt.next3Mail' : 'reports.receipt.next3')}
          </li>
        </ol>
      </section>
      <ul class="bs-receipt__more">
        <li>
          <a class="kern-link" href="/melden">
            {t('reports.receipt.another')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/meldungen">
            {t('reports.receipt.all')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/meldungen/benachrichtigungen">
            {t('reports-alerts.link')}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** The receipt page after a report was sent without JavaScript (reached by a 303 redirect). */
export function ReceiptPage(props: ReceiptProps) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      title={ctx.i18n.t('reports.receipt.title', { reference: props.reference })}
      head={<PrivateHead />}
      {...reportFormAssets()}
    >
      <ReceiptBody {...props} />
    </Layout>
  );
}
