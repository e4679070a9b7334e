import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout, telHref } from '../../../platform/views/layout.js';
import { onlineChannel } from '../channels.js';
import { localText, type Service } from '../model.js';
import type { OfficeNow } from '../service.js';
import { OfficeHours, OpenNow } from './office-hours.js';
import { anyFallback, FallbackNote, Local, localList } from './texts.js';

function Paragraphs({ ctx, text }: { ctx: PageContext; text: Service['description'] }) {
  const { text: value, fallback } = localText(text, ctx.i18n.lang);
  return (
    <>
      {value
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p class="kern-body" key={p} lang={fallback ? 'de' : undefined}>
            {p.trim()}
          </p>
        ))}
    </>
  );
}

function OnlineCard({ ctx, service }: { ctx: PageContext; service: Service }) {
  const { t } = ctx.i18n;
  const online = onlineChannel(service, ctx.municipality);
  const label = localText(service.onlineLabel, ctx.i18n.lang).text;
  return (
    <li class="bs-waste-centre" id="online">
      <h3 class="kern-heading-small">{t('services.channels.online')}</h3>
      {online ? (
        <>
          <p class="kern-body">
            <a class="kern-link" href={online.href} rel={online.internal ? undefined : 'noopener'}>
              {label ? <Local ctx={ctx} text={service.onlineLabel} /> : t('services.channels.onlineDefault')}
            </a>
          </p>
          <p class="kern-body kern-body--small">
            {online.internal
              ? t('services.channels.inApp')
              : t('services.channels.external', { host: new URL(online.href).host })}
          </p>
        </>
      ) : (
        <p class="kern-body">{t('services.channels.noOnline')}</p>
      )}
    </li>
  );
}

function Address({ office }: { office: OfficeNow }) {
  return (
    <address class="kern-body">
      {office.street}
      <br />
      {`${office.postcode} ${office.city}`}
    </address>
  );
}

/** The analog channels, all from the responsible office: visit (with hours), phone, post and e-mail, appointment. */
function AnalogCards({ ctx, service, office }: { ctx: PageContext; service: Service; office: OfficeNow }) {
  const { t } = ctx.i18n;
  const appointment = service.appointmentUrl || office.appointmentUrl;
  const phone = office.phone || ctx.municipality.bscPhone;
  return (
    <>
      <li class="bs-waste-centre" id="vor-ort">
        <h3 class="kern-heading-small">{t('services.channels.visit')}</h3>
        <p class="kern-body">
          <strong>
            <Local ctx={ctx} text={office.name} />
          </strong>
        </p>
        <Address office={office} />
        <OpenNow ctx={ctx} open={office.openNow} />
        <h4 class="kern-label" id="hours-heading">
          {t('services.office.hours')}
        </h4>
        <OfficeHours ctx={ctx} hours={office.hours} />
        {office.hoursNote.de && (
          <p class="kern-body kern-body--small">
            <Local ctx={ctx} text={office.hoursNote} />
          </p>
        )}
        <p class="kern-body kern-body--small">{t('services.office.holidays')}</p>
      </li>
      <li class="bs-waste-centre" id="telefon">
        <h3 class="kern-heading-small">{t('services.channels.phone')}</h3>
        <p class="kern-body">
          <a class="kern-link" href={telHref(phone)}>
            {phone}
          </a>
        </p>
        <p class="kern-body kern-body--small">{t('services.channels.phoneHint')}</p>
      </li>
      <li class="bs-waste-centre" id="post">
        <h3 class="kern-heading-small">{t('services.channels.post')}</h3>
        <address class="kern-body">
          {(office.postalAddress || `${office.street}\n${office.postcode} ${office.city}`)
            .split('\n')
            .map((line, i) => (
              <span key={line}>
                {i > 0 && <br />}
                {line}
              </span>
            ))}
        </address>
        {office.email && (
          <p class="kern-body">
            {`${t('services.channels.email')}: `}
            <a class="kern-link" href={`mailto:${office.email}`}>
              {/* A long address may break after the @ instead of leaving its card. */}
              {office.email.split('@')[0]}@<wbr />
              {office.email.split('@').slice(1).join('@')}
            </a>
          </p>
        )}
      </li>
      {appointment && (
        <li class="bs-waste-centre" id="termin">
          <h3 class="kern-heading-small">{t('services.channels.appointment')}</h3>
          <p class="kern-body">
            <a class="kern-link" href={appointment} rel={appointment.startsWith('/') ? undefined : 'noopener'}>
              {t('services.channels.appointmentLink')}
            </a>
          </p>
        </li>
      )}
    </>
  );
}

function Facts({ ctx, service }: { ctx: PageContext; service: Service }) {
  const { t } = ctx.i18n;
  const rows: Array<[string, ComponentChildren]> = [];
  if (service.fees.de) rows.push([t('services.fields.fees'), <Local ctx={ctx} text={service.fees} key="f" />]);
  if (service.processingTime.de) {
    rows.push([t('services.fields.processingTime'), <Local ctx={ctx} text={service.processingTime} key="p" />]);
  }
  if (service.legalBasis)
    rows.push([
      t('services.fields.legalBasis'),
      <span lang="de" key="l">
        {service.legalBasis}
      </span>,
    ]);
  if (service.leistungsschluessel) rows.push([t('services.fields.leistungsschluessel'), service.leistungsschluessel]);
  if (rows.length === 0) return null;
  return (
    <section class="bs-section" aria-labelledby="facts-heading">
      <h2 class="kern-heading-medium" id="facts-heading">
        {t('services.page.facts')}
      </h2>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt class="kern-label">{term}</dt>
            <dd class="kern-body">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One service: what it is, its online and analog channels side by side, documents, fees, the office's hours. */
export function ServicePage({ ctx, service, office }: { ctx: PageContext; service: Service; office: OfficeNow }) {
  const { t } = ctx.i18n;
  const docs = localList(ctx, service.documents);
  const texts = [service.name, service.summary, service.fees, service.processingTime, office.name];
  const fallback =
    anyFallback(ctx, service.description.de ? [...texts, service.description] : texts) || docs.lang === 'de';
  return (
    <Layout ctx={ctx} title={localText(service.name, ctx.i18n.lang).text}>
      <p>
        <a class="kern-link" href="/leistungen">
          {t('services.page.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        <Local ctx={ctx} text={service.name} />
      </h1>
      {fallback && <FallbackNote ctx={ctx} />}
      <p class="kern-body bs-lead">
        <Local ctx={ctx} text={service.summary} />
      </p>
      <p class="kern-body kern-body--small">{t('services.page.updated', { date: ctx.i18n.date(service.updatedAt) })}</p>
      <section class="bs-section" aria-labelledby="channels-heading">
        <h2 class="kern-heading-medium" id="channels-heading">
          {t('services.channels.heading')}
        </h2>
        <p class="kern-body">{t('services.channels.intro')}</p>
        <ul class="bs-waste-centres">
          <OnlineCard ctx={ctx} service={service} />
          <AnalogCards ctx={ctx} service={service} office={office} />
        </ul>
      </section>
      {service.description.de && (
        <section class="bs-section" aria-labelledby="description-heading">
          <h2 class="kern-heading-medium" id="description-heading">
            {t('services.page.description')}
          </h2>
          <Paragraphs ctx={ctx} text={service.description} />
        </section>
      )}
      <section class="bs-section" aria-labelledby="documents-heading">
        <h2 class="kern-heading-medium" id="documents-heading">
          {t('services.fields.documents')}
        </h2>
        {docs.items.length > 0 ? (
          <ul class="kern-list kern-list--bullet" lang={docs.lang}>
            {docs.items.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('services.page.noDocuments')}</p>
        )}
      </section>
      <Facts ctx={ctx} service={service} />
      <section class="bs-section" aria-labelledby="office-heading">
        <h2 class="kern-heading-medium" id="office-heading">
          {t('services.page.office')}
        </h2>
        <p class="kern-body">
          <strong>
            <Local ctx={ctx} text={office.name} />
          </strong>
        </p>
        <Address office={office} />
        {office.accessibility.de && (
          <>
            <h3 class="kern-heading-small">{t('services.office.accessibility')}</h3>
            <p class="kern-body">
              <Local ctx={ctx} text={office.accessibility} />
            </p>
          </>
        )}
      </section>
      {service.synonyms.length > 0 && (
        <p class="kern-body kern-body--small">{t('services.list.alsoKnown', { names: service.synonyms.join(', ') })}</p>
      )}
    </Layout>
  );
}
