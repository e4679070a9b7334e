import type { PageContext } from '../../../../platform/views/context.js';

/** The API path that lets a browser follow the report of a status link by push. */
export function pushFollowPath(statusPath: string): string {
  return `/api/reports/status/${statusPath.split('/').pop() ?? ''}/push`;
}

/**
 * "Follow by push" on the receipt and the private status page. Push needs JavaScript: without it the text says
 * what to do instead (keep the link, mails); client/push-opt-in.ts shows the button where push works.
 */
export function FollowByPush({ ctx, statusPath }: { ctx: PageContext; statusPath: string }) {
  const { t, lang } = ctx.i18n;
  return (
    <section
      class="bs-section bs-stack"
      aria-labelledby="push-follow-heading"
      data-push-opt-in={pushFollowPath(statusPath)}
      data-push-key="/api/push/vapid-public-key"
      data-msg-denied={t('reports-push.follow.denied')}
      data-msg-failed={t('reports-push.follow.failed')}
      data-msg-done={t('reports-push.follow.done')}
    >
      <h2 class="kern-heading-medium" id="push-follow-heading">
        {t('reports-push.follow.title')}
      </h2>
      <p class="kern-body" data-push-nojs>
        {t('reports-push.follow.noJs')}
      </p>
      <p class="kern-body" data-push-unsupported hidden>
        {t('reports-push.follow.unsupported')}
      </p>
      <form hidden data-push-form novalidate class="bs-stack">
        <input type="hidden" name="language" value={lang} />
        <p class="kern-body">{t('reports-push.follow.intro')}</p>
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('reports-push.follow.submit')}</span>
        </button>
      </form>
      <div class="kern-body" data-push-status role="status" aria-live="polite" />
    </section>
  );
}
