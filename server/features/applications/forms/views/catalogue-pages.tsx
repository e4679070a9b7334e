import type { PageContext } from '../../../../platform/views/context.js';
import { Fact } from '../../../../platform/views/description-list.js';
import { Layout, telHref } from '../../../../platform/views/layout.js';
import type { CitizenPrincipal } from '../../../citizens/service.js';
import { CitizenBar } from '../../../citizens/views/citizen-bar.js';
import type { OfficeNow } from '../../../services/service.js';
import type { Definition, FormDefinition, LinkDefinition } from '../../core/definition.js';
import type { DraftRow } from '../../core/drafts-queries.js';
import { local, lt } from './fields.js';
import { OfficeHoursList } from './office.js';

// The online services' list (/antraege) and a service's start page: what it needs, who handles it, the ways to apply.

function Text({
  ctx,
  text,
  as = 'p',
}: {
  ctx: PageContext;
  text: FormDefinition['summary'] | undefined;
  as?: 'p' | 'span';
}) {
  const { text: value, lang } = local(ctx, text);
  if (!value) return null;
  return as === 'p' ? (
    <p class="kern-body" lang={lang}>
      {value}
    </p>
  ) : (
    <span lang={lang}>{value}</span>
  );
}

/** Text with one line per line break (addresses). */
function Lines({ text }: { text: string }) {
  const lines = text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <>
      {lines.map((l, i) => (
        <span key={l}>
          {l}
          {i < lines.length - 1 && <br />}
        </span>
      ))}
    </>
  );
}

export function CataloguePage({
  ctx,
  entries,
  drafts,
  titles,
  citizen,
}: {
  ctx: PageContext;
  entries: Definition[];
  drafts: DraftRow[];
  titles: Map<string, Definition>;
  citizen?: CitizenPrincipal;
}) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('applications.list.title')}>
      {citizen && <CitizenBar ctx={ctx} citizen={citizen} next="/antraege" />}
      <h1 class="kern-heading-large">{t('applications.list.title')}</h1>
      <p class="kern-body">{t('applications.list.intro')}</p>
      {citizen && (
        <p class="kern-body">
          <a class="kern-link" href="/antraege/postfach">
            {t('applications.mailbox.title')}
          </a>
        </p>
      )}
      {drafts.length > 0 && (
        <section aria-labelledby="drafts-title">
          <h2 class="kern-heading-medium" id="drafts-title">
            {t('applications.list.drafts')}
          </h2>
          <ul class="kern-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <a class="kern-link" href={`/antraege/${d.formSlug}/${d.id}`}>
                  <Text ctx={ctx} text={titles.get(d.formSlug)?.title} as="span" />
                </a>
                {` – ${t('applications.list.savedAt', { date: ctx.i18n.dateTime(d.updatedAt) })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 class="kern-heading-medium">{t('applications.list.services')}</h2>
      <ul class="bs-app-list">
        {entries.map((e) => (
          <li key={e.slug} class="bs-app-card">
            <h3 class="kern-heading-small">
              <a class="kern-link" href={`/antraege/${e.slug}`}>
                <Text ctx={ctx} text={e.title} as="span" />
              </a>
            </h3>
            <Text ctx={ctx} text={e.summary} />
            <p class="kern-body kern-body--small">
              {e.kind === 'link'
                ? t('applications.list.elsewhere', { operator: lt(ctx, e.operator) })
                : e.trustLevel === 'none'
                  ? t('applications.list.noLogin')
                  : t('applications.list.login', { level: t(`applications.levels.${e.trustLevel}`) })}
            </p>
          </li>
        ))}
      </ul>
      <p class="kern-body">
        <a class="kern-link" href="/leistungen">
          {t('applications.list.allServices')}
        </a>
      </p>
    </Layout>
  );
}

/** The analog channel: the office's address, hours and phone, and the empty form to print. */
export function AnalogCard({ ctx, slug, office }: { ctx: PageContext; slug: string; office: OfficeNow | undefined }) {
  const { t } = ctx.i18n;
  return (
    <section class="bs-app-analog" aria-labelledby="analog-title">
      <h2 class="kern-heading-medium" id="analog-title">
        {t('applications.start.analogTitle')}
      </h2>
      <p class="kern-body">{t('applications.start.analogText')}</p>
      <p class="kern-body">
        <a class="kern-link" href={`/antraege/${slug}/formular.pdf`}>
          {t('applications.start.emptyPdf')}
        </a>
      </p>
      {office && (
        <>
          <h3 class="kern-heading-small">
            <Text ctx={ctx} text={office.name} as="span" />
          </h3>
          <h4 class="kern-heading-small">{t('applications.start.visit')}</h4>
          <address class="kern-body">
            <Lines text={`${office.street}\n${office.postcode} ${office.city}`} />
          </address>
          {office.postalAddress && (
            <>
              <h4 class="kern-heading-small">{t('applications.start.post')}</h4>
              <address class="kern-body">
                <Lines text={office.postalAddress} />
              </address>
            </>
          )}
          {office.phone && (
            <p class="kern-body">
              {`${t('applications.start.phone')}: `}
              <a class="kern-link" href={telHref(office.phone)}>
                {office.phone}
              </a>
            </p>
          )}
          <OfficeHoursList ctx={ctx} hours={office.hours} />
        </>
      )}
    </section>
  );
}

export function StartPage(p: {
  ctx: PageContext;
  form: FormDefinition;
  office: OfficeNow | undefined;
  allowed: boolean;
  loginHref: string | undefined;
  online: boolean;
  citizen?: CitizenPrincipal;
}) {
  const { ctx, form } = p;
  const { t } = ctx.i18n;
  const files = form.steps.flatMap((s) => s.fields).filter((f) => f.type === 'file');
  return (
    <Layout ctx={ctx} title={lt(ctx, form.title)}>
      {p.citizen && <CitizenBar ctx={ctx} citizen={p.citizen} next={`/antraege/${form.slug}`} />}
      <ServiceHead ctx={ctx} entry={form} />
      <Text ctx={ctx} text={form.intro} />
      <dl class="kern-description-list">
        {form.fee && (
          <Fact term={t('applications.start.fee')}>
            <Text ctx={ctx} text={form.fee} as="span" />
          </Fact>
        )}
        <Fact term={t('applications.start.login')}>
          {form.trustLevel === 'none'
            ? t('applications.start.noLogin')
            : t('applications.start.needsLevel', { level: t(`applications.levels.${form.trustLevel}`) })}
        </Fact>
        <Fact term={t('applications.start.steps')}>
          {t('applications.start.stepCount', { count: form.steps.length })}
        </Fact>
        {files.length > 0 && (
          <Fact term={t('applications.start.documents')}>
            <ul class="kern-list">
              {files.map((f) => (
                <li key={f.key}>
                  <Text ctx={ctx} text={f.label} as="span" />
                  {f.showIf && ` (${t('applications.start.onlySometimes')})`}
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
      {!p.online ? (
        <div class="kern-alert kern-alert--warning" role="status">
          <div class="kern-alert__body">
            <p class="kern-body">{t('applications.start.offline')}</p>
          </div>
        </div>
      ) : p.allowed ? (
        <>
          <form method="post" action={`/antraege/${form.slug}/start`}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button class="kern-btn kern-btn--primary" type="submit">
              <span class="kern-label">{t('applications.start.begin')}</span>
            </button>
          </form>
          {!p.citizen && p.loginHref && (
            <p class="kern-body">
              <a class="kern-link" href={p.loginHref}>
                {t('applications.start.loginToPrefill')}
              </a>
            </p>
          )}
        </>
      ) : p.loginHref ? (
        <p class="kern-body">
          <a class="kern-btn kern-btn--primary" href={p.loginHref}>
            <span class="kern-label">
              {t('applications.start.loginButton', { level: t(`applications.levels.${form.trustLevel}`) })}
            </span>
          </a>
        </p>
      ) : (
        <p class="kern-body">{t('applications.start.loginUnavailable')}</p>
      )}
      {p.online && p.allowed && (
        <p class="kern-body kern-body--small">{t('applications.start.privacy', { days: 30 })}</p>
      )}
      <AnalogCard ctx={ctx} slug={form.slug} office={p.office} />
    </Layout>
  );
}

/** The way back to the list, the service's title and its summary. */
function ServiceHead({ ctx, entry }: { ctx: PageContext; entry: Definition }) {
  return (
    <>
      <p class="kern-body">
        <a class="kern-link" href="/antraege">
          {ctx.i18n.t('applications.list.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        <Text ctx={ctx} text={entry.title} as="span" />
      </h1>
      <Text ctx={ctx} text={entry.summary} />
    </>
  );
}

export function LinkPage({ ctx, link, href }: { ctx: PageContext; link: LinkDefinition; href: string }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={lt(ctx, link.title)}>
      <ServiceHead ctx={ctx} entry={link} />
      <p class="kern-body">
        {t('applications.link.operator', { operator: lt(ctx, link.operator), host: new URL(href).host })}
      </p>
      <p class="kern-body">
        <a class="kern-btn kern-btn--primary" href={href} rel="noopener">
          <span class="kern-label">{t('applications.link.go')}</span>
        </a>
      </p>
      {link.service && (
        <p class="kern-body">
          <a class="kern-link" href={`/leistungen/${link.service}`}>
            {t('applications.link.info')}
          </a>
        </p>
      )}
    </Layout>
  );
}
