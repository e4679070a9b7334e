import type { PageContext } from '../../../platform/views/context.js';

/** The visible note that content is shown in German because it has no English version yet. */
export function FallbackNote({ title, text }: { title: string; text: string }) {
  return (
    <div class="kern-alert kern-alert--info" role="note">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--info" aria-hidden="true" />
        <p class="kern-title">{title}</p>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{text}</p>
      </div>
    </div>
  );
}

/** "Zuletzt aktualisiert am …" with a machine-readable date. */
export function Updated({ ctx, at, label }: { ctx: PageContext; at: Date; label?: string }) {
  return (
    <p class="kern-body bs-muted bs-section">
      {`${label ?? ctx.i18n.t('faq.updated')} `}
      <time datetime={at.toISOString()}>{ctx.i18n.date(at)}</time>
    </p>
  );
}
