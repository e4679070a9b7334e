import { CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { minePath } from '../mine.js';

/**
 * The receipt's block about "Meine Meldungen": the link is kept in this browser (client/my-reports.ts saves it with
 * JavaScript; without it the receipt page set the list's cookie), with the way to the list.
 */
export function MineNote({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-stack" aria-labelledby="mine-heading" data-my-reports-note>
      <h2 class="kern-heading-medium" id="mine-heading">
        {t('reports-mine.note.heading')}
      </h2>
      <p class="kern-body">{t('reports-mine.note.text')}</p>
      <p class="kern-body">
        <a class="kern-link" href={minePath}>
          {t('reports-mine.note.link')}
        </a>
      </p>
    </section>
  );
}

/** "In Meine Meldungen speichern" on the status page, for a link opened in another browser (e.g. from the mail). */
export function SaveToMine({ ctx, token, reference }: { ctx: PageContext; token: string; reference: string }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-section bs-stack" aria-labelledby="mine-save-heading">
      <h2 class="kern-heading-medium" id="mine-save-heading">
        {t('reports-mine.save.heading')}
      </h2>
      <p class="kern-body">{t('reports-mine.save.text')}</p>
      <form method="post" action={minePath} class="bs-inline-form" data-my-reports-save data-reference={reference}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('reports-mine.save.submit')}</span>
        </button>
      </form>
    </section>
  );
}
