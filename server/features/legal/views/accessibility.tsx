import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { DemoNotice, Details, ExternalLink } from './parts.js';

/**
 * Erklärung zur Barrierefreiheit (BGG NRW / BITV NRW, EU model statement): compliance status, barriers not yet
 * removed (stated honestly, from configuration and from what this installation lacks), feedback, ombudsman.
 */
export function AccessibilityPage({ ctx, publicUrl }: { ctx: PageContext; publicUrl: string }) {
  const { t, lang, date } = ctx.i18n;
  const m = ctx.municipality;
  const a = m.accessibility;
  const issues = [
    ...(m.signLanguageVideoUrl ? [] : [t('legal.accessibility.issueSignVideo')]),
    ...(a.knownIssues ?? []).map((issue) => issue[lang]),
  ];
  const subject = encodeURIComponent(t('legal.accessibility.feedbackSubject'));
  const enforcement: [string, ComponentChildren][] = [
    [t('common.address'), a.enforcementBody],
    [
      t('common.website'),
      <ExternalLink ctx={ctx} href={a.enforcementUrl}>
        {a.enforcementUrl}
      </ExternalLink>,
    ],
  ];
  if (a.enforcementEmail) {
    enforcement.push([t('common.email'), <a href={`mailto:${a.enforcementEmail}`}>{a.enforcementEmail}</a>]);
  }
  return (
    <Layout ctx={ctx} title={t('legal.accessibility.title')}>
      <article class="bs-prose" aria-labelledby="a11y-heading">
        <h1 class="kern-heading-large" id="a11y-heading">
          {t('legal.accessibility.heading')}
        </h1>
        <DemoNotice ctx={ctx} />
        <p class="kern-body">{t('legal.accessibility.intro', { law: a.law })}</p>
        <p class="kern-body">
          {t('legal.accessibility.scope', { app: t('common.appName', { city: m.name }), url: publicUrl })}
        </p>

        <h2 class="kern-heading-medium">{t('legal.accessibility.statusHeading')}</h2>
        <p class="kern-body">{t(`legal.accessibility.status_${a.conformance}`)}</p>
        <p class="kern-body">{t(`legal.accessibility.evaluation_${a.evaluation}`)}</p>
        <p class="kern-body">{t('legal.accessibility.features')}</p>

        {issues.length > 0 && (
          <>
            <h2 class="kern-heading-medium">{t('legal.accessibility.issuesHeading')}</h2>
            <ul class="kern-list kern-list--bullet">
              {issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          </>
        )}

        <h2 class="kern-heading-medium" id="feedback-heading">
          {t('legal.accessibility.feedbackHeading')}
        </h2>
        <p class="kern-body">{t('legal.accessibility.feedbackFormText')}</p>
        <p class="kern-body">
          <a class="kern-link" href="/barrierefreiheit/rueckmeldung">
            {t('legal.accessibility.feedbackFormLink')}
          </a>
        </p>
        <p class="kern-body">{t('legal.accessibility.feedbackText')}</p>
        <Details
          items={[
            [t('common.email'), <a href={`mailto:${a.feedbackEmail}?subject=${subject}`}>{a.feedbackEmail}</a>],
            [t('common.phone'), <a href={telHref(a.feedbackPhone)}>{a.feedbackPhone}</a>],
          ]}
        />
        <p class="kern-body">
          {t('legal.accessibility.feedbackAnswer', { min: a.responseWeeks.min, max: a.responseWeeks.max })}
        </p>

        <h2 class="kern-heading-medium">{t('legal.accessibility.enforcementHeading')}</h2>
        <p class="kern-body">{t('legal.accessibility.enforcementText')}</p>
        <Details items={enforcement} />
        <p class="kern-body bs-muted">{t('legal.accessibility.date', { date: date(a.statementDate) })}</p>
      </article>
    </Layout>
  );
}
