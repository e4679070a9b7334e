import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { localText, type Service, type ServiceTopic, serviceTopics } from '../model.js';
import { servicePath } from '../service.js';
import { Local } from './texts.js';

export interface ServiceListProps {
  ctx: PageContext;
  services: Service[];
  q: string;
  topic?: ServiceTopic;
  /** The services exist at all (an empty filter result is not an empty catalogue). */
  filtered: boolean;
}

const nameIn = (ctx: PageContext, s: Service) => localText(s.name, ctx.i18n.lang).text;

const letterOf = (name: string) =>
  name
    .charAt(0)
    .toLocaleUpperCase('de-DE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

function Entry({ ctx, service }: { ctx: PageContext; service: Service }) {
  const { t } = ctx.i18n;
  return (
    <li class="bs-waste-abc__item">
      <h3 class="kern-title">
        <a class="kern-link" href={servicePath(service.slug)}>
          <Local ctx={ctx} text={service.name} />
        </a>
      </h3>
      <p class="kern-body">
        <Local ctx={ctx} text={service.summary} />
      </p>
      {service.synonyms.length > 0 && (
        <p class="kern-body kern-body--small">{t('services.list.alsoKnown', { names: service.synonyms.join(', ') })}</p>
      )}
    </li>
  );
}

function Filter({ ctx, q, topic }: { ctx: PageContext; q: string; topic?: ServiceTopic }) {
  const { t } = ctx.i18n;
  return (
    <search>
      <form method="get" action="/leistungen" class="bs-filter" novalidate>
        <div class="bs-filter__fields">
          <div class="kern-form-input">
            <label class="kern-label" for="q">
              {t('services.list.nameLabel')}
            </label>
            <div class="kern-hint" id="q-hint">
              {t('services.list.nameHint')}
            </div>
            <input
              class="kern-form-input__input"
              id="q"
              name="q"
              type="search"
              value={q}
              maxLength={80}
              aria-describedby="q-hint"
            />
          </div>
          <div class="kern-form-input">
            <label class="kern-label" for="thema">
              {t('services.list.topicLabel')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="thema" name="thema">
                <option value="">{t('services.list.allTopics')}</option>
                {serviceTopics.map((tp) => (
                  <option key={tp} value={tp} selected={tp === topic}>
                    {t(`services.topics.${tp}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </div>
        <div class="kern-btn-wrapper">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('services.list.submit')}</span>
          </button>
          {(q || topic) && (
            <a class="kern-link" href="/leistungen">
              {t('services.list.reset')}
            </a>
          )}
        </div>
      </form>
    </search>
  );
}

/** "Wo erledige ich was?": the services A–Z with letter navigation, a name and topic filter (a GET form). */
export function ServiceListPage({ ctx, services, q, topic, filtered }: ServiceListProps) {
  const { t } = ctx.i18n;
  const groups = new Map<string, Service[]>();
  const sorted = [...services].sort((a, b) => nameIn(ctx, a).localeCompare(nameIn(ctx, b), ctx.i18n.lang));
  for (const s of sorted) {
    const letter = letterOf(nameIn(ctx, s));
    groups.set(letter, [...(groups.get(letter) ?? []), s]);
  }
  const title = t('services.list.title');
  return (
    <Layout ctx={ctx} title={filtered ? t('services.list.titleFiltered', { count: services.length }) : title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body bs-lead">{t('services.list.intro')}</p>
      <Filter ctx={ctx} q={q} topic={topic} />
      <section class="bs-section" aria-labelledby="services-letters">
        <h2 class="kern-heading-medium" id="services-letters">
          {filtered
            ? t('services.list.results', { count: services.length })
            : t('services.list.letters', { count: services.length })}
        </h2>
        {services.length === 0 ? (
          <p class="kern-body">{t('services.list.none')}</p>
        ) : (
          <nav aria-labelledby="services-letters">
            <ul class="bs-waste-letters">
              {[...groups.keys()].map((l) => (
                <li key={l}>
                  <a class="kern-link" href={`#buchstabe-${l}`}>
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {[...groups.entries()].map(([letter, list]) => (
          <section key={letter} aria-labelledby={`buchstabe-${letter}`}>
            <h2 class="kern-heading-medium bs-waste-letter" id={`buchstabe-${letter}`}>
              {letter}
            </h2>
            <ul class="bs-waste-abc">
              {list.map((s) => (
                <Entry key={s.slug} ctx={ctx} service={s} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </Layout>
  );
}
