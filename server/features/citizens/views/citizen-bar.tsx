import type { PageContext } from '../../../platform/views/context.js';
import type { CitizenPrincipal } from '../service.js';
import { logoutPath } from '../service.js';

/** The name a logged-in citizen is shown as: their name if they shared it, else the kind of account. */
export function citizenDisplayName(ctx: PageContext, citizen: CitizenPrincipal): string {
  const name = [citizen.attributes.givenName, citizen.attributes.familyName].filter(Boolean).join(' ');
  return name || ctx.i18n.t(`citizens.account.${citizen.provider}`);
}

/**
 * "Angemeldet als … (Vertrauensniveau …)" with a logout button, for pages under /antraege. It renders a CSRF token,
 * so a page that shows it is never cached.
 */
export function CitizenBar({ ctx, citizen, next }: { ctx: PageContext; citizen: CitizenPrincipal; next?: string }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-citizen-bar" aria-label={t('citizens.bar.label')}>
      <p class="kern-body">
        {t('citizens.bar.signedInAs')} <strong>{citizenDisplayName(ctx, citizen)}</strong> (
        {t('citizens.bar.level', { level: t(`citizens.levels.${citizen.level}`) })})
      </p>
      <form method="post" action={logoutPath} class="bs-inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {next && <input type="hidden" name="weiter" value={next} />}
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('citizens.bar.logout')}</span>
        </button>
      </form>
    </section>
  );
}
