import type { Language } from '../../../platform/i18n.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { interfaceNames } from '../interfaces.js';
import type { Platform } from '../present.js';

type Text = { de: string; en: string | null };
const pick = (v: Text, lang: Language) =>
  lang !== 'de' && v.en ? { text: v.en, de: false } : { text: v.de, de: lang !== 'de' };

/** The city's data platforms: what each offers, its interfaces, its address and operator. */
export function PlatformsPage({ ctx, platforms }: { ctx: PageContext; platforms: Platform[] }) {
  const { t, lang } = ctx.i18n;
  const updated = platforms.reduce<Date | undefined>((a, p) => (!a || p.updatedAt > a ? p.updatedAt : a), undefined);
  const fallback = platforms.some((p) => pick(p.name, lang).de || pick(p.offers, lang).de);
  return (
    <Layout ctx={ctx} title={t('platforms.title')}>
      <h1 class="kern-heading-large">{t('platforms.title')}</h1>
      <p class="kern-body bs-lead">{t('platforms.intro', { city: ctx.municipality.name })}</p>
      {fallback && (
        <div class="kern-alert kern-alert--info" role="note">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--info" aria-hidden="true" />
            <p class="kern-title">{t('platforms.fallbackTitle')}</p>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('platforms.fallback')}</p>
          </div>
        </div>
      )}
      {platforms.length === 0 && <p class="kern-body">{t('platforms.empty')}</p>}
      {platforms.map((p) => {
        const name = pick(p.name, lang);
        const offers = pick(p.offers, lang);
        const operator = pick(p.operator, lang);
        return (
          <section key={p.id} class="bs-section bs-box" aria-labelledby={p.slug}>
            <h2 class="kern-heading-medium" id={p.slug} lang={name.de ? 'de' : undefined}>
              {name.text}
            </h2>
            <p class="kern-body" lang={offers.de ? 'de' : undefined}>
              {offers.text}
            </p>
            <dl class="kern-description-list">
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('platforms.fields.interfaces')}</dt>
                <dd class="kern-description-list-item__value">
                  {p.interfaces.length === 0 ? (
                    t('platforms.noInterfaces')
                  ) : (
                    <ul class="kern-list">
                      {p.interfaces.map((i) => (
                        <li key={i}>{interfaceNames[i]}</li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{t('platforms.fields.operator')}</dt>
                <dd class="kern-description-list-item__value" lang={operator.de ? 'de' : undefined}>
                  {operator.text}
                </dd>
              </div>
            </dl>
            {p.url && (
              <p class="kern-body">
                <a class="kern-link" href={p.url}>
                  {t('platforms.open', { name: name.text })}
                </a>
              </p>
            )}
          </section>
        );
      })}
      {updated && (
        <p class="kern-body bs-muted bs-section">
          {`${t('platforms.updated')} `}
          <time datetime={updated.toISOString()}>{ctx.i18n.date(updated)}</time>
        </p>
      )}
    </Layout>
  );
}
