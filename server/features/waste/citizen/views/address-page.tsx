import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { CheckboxField } from '../../../../platform/views/form-fields.js';
import { Layout } from '../../../../platform/views/layout.js';
import { binName } from '../labels.js';
import { addressPath, pageHref, pdfPath } from '../links.js';
import { reportBinAnswer } from '../missed.js';
import type { AddressCalendar } from '../service.js';
import { formatDay } from './format.js';
import { IcalSection, type IcalSectionProps } from './ical-section.js';
import { MonthTable } from './month-table.js';
import { NextList } from './next-list.js';

export interface AddressPageProps {
  ctx: PageContext;
  cal: AddressCalendar;
  saved: boolean;
  /** Shown once after saving pushed the oldest address out. */
  savedFull?: boolean;
  ical: Omit<IcalSectionProps, 'ctx' | 'action' | 'binKeys' | 'month'>;
  /**
   * SLOT for push reminders (the reminders room, waste/reminders/, fills it with its opt-in form). Nothing is
   * shown while it is empty: no link to a page that does not exist.
   */
  reminders?: ComponentChildren;
}

function SaveForm({ ctx, id, saved }: { ctx: PageContext; id: number; saved: boolean }) {
  const { t } = ctx.i18n;
  return (
    <form method="post" action={`${addressPath(id)}/${saved ? 'vergessen' : 'merken'}`} class="bs-waste-save">
      <CsrfField ctx={ctx} />
      {saved && <p class="kern-body">{t('waste-citizen.address.isSaved')}</p>}
      <button type="submit" class={`kern-btn ${saved ? 'kern-btn--tertiary' : 'kern-btn--secondary'}`}>
        <span class="kern-label">{t(saved ? 'waste-citizen.address.remove' : 'waste-citizen.address.save')}</span>
      </button>
      <p class="kern-body kern-body--small">{t('waste-citizen.address.savedNote')}</p>
    </form>
  );
}

function missedHref(cal: AddressCalendar, binKey: string): string | undefined {
  const answer = reportBinAnswer[binKey];
  if (!answer) return undefined;
  const q = new URLSearchParams({
    category: 'abfuhr-vergessen',
    addressId: String(cal.address.id),
    address: `${cal.address.label}, ${cal.address.postcode}`,
    'answers.tonne': answer,
  });
  return `/melden?${q.toString()}`;
}

function Missed({ ctx, cal }: { ctx: PageContext; cal: AddressCalendar }) {
  const { i18n } = ctx;
  const offers = cal.missed.flatMap((m) => {
    const href = missedHref(cal, m.collection.binType.key);
    return href ? [{ ...m, href }] : [];
  });
  if (offers.length === 0) return null;
  return (
    <section class="bs-section bs-box" aria-labelledby="missed-heading">
      <h2 class="kern-heading-medium" id="missed-heading">
        {i18n.t('waste-citizen.missed.heading')}
      </h2>
      <ul class="bs-waste-missed">
        {offers.map(({ collection: c, until, href }) => {
          const bin = binName(c.binType, i18n.lang);
          return (
            <li key={`${c.binType.key}-${c.date}`}>
              <p class="kern-body">
                {i18n.t('waste-citizen.missed.text', {
                  bin,
                  date: formatDay(i18n, c.date),
                  until: formatDay(i18n, until),
                })}
              </p>
              <a class="kern-link" href={href}>
                {i18n.t('waste-citizen.missed.link', { bin })}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Upcoming({ ctx, cal }: { ctx: PageContext; cal: AddressCalendar }) {
  const { i18n } = ctx;
  const days = new Map<string, string[]>();
  for (const c of cal.upcoming) days.set(c.date, [...(days.get(c.date) ?? []), binName(c.binType, i18n.lang)]);
  if (days.size === 0) return null;
  return (
    <table class="kern-table bs-waste-upcoming">
      <caption class="kern-title">{i18n.t('waste-citizen.address.upcomingCaption')}</caption>
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {i18n.t('waste-citizen.address.date')}
          </th>
          <th scope="col" class="kern-table__header">
            {i18n.t('waste-citizen.address.bins')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {[...days.entries()].map(([day, bins]) => (
          <tr class="kern-table__row" key={day}>
            <th scope="row" class="kern-table__header">
              {formatDay(i18n, day)}
            </th>
            <td class="kern-table__cell">{bins.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Filter({ ctx, cal }: { ctx: PageContext; cal: AddressCalendar }) {
  const { t, lang } = ctx.i18n;
  return (
    <form method="get" action={addressPath(cal.address.id)} class="bs-form bs-waste-filter">
      <input type="hidden" name="monat" value={cal.month} />
      <fieldset class="kern-fieldset" aria-describedby="arten-hint">
        <legend class="kern-label">{t('waste-citizen.address.filter')}</legend>
        <div class="kern-hint" id="arten-hint">
          {t('waste-citizen.address.filterHint')}
        </div>
        <div class="kern-fieldset__body bs-waste-filter__options">
          {cal.binTypes.map((b) => (
            <CheckboxField
              key={b.key}
              name="arten"
              id={`arten-${b.key}`}
              value={b.key}
              label={binName(b, lang)}
              checked={cal.selected.length === 0 || cal.selected.includes(b.key)}
            />
          ))}
        </div>
      </fieldset>
      <div class="kern-btn-wrapper">
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('waste-citizen.address.filterSubmit')}</span>
        </button>
      </div>
    </form>
  );
}

/** One address's calendar: next per bin, missed-collection offer, coming dates, month, filter, iCal, PDF. */
export function AddressPage({ ctx, cal, saved, savedFull, ical, reminders }: AddressPageProps) {
  const { t, lang } = ctx.i18n;
  const id = cal.address.id;
  const links = { binKeys: cal.selected, lang: lang === ctx.municipality.defaultLanguage ? undefined : lang };
  return (
    <Layout ctx={ctx} title={t('waste-citizen.address.title', { address: cal.address.label })}>
      <p class="kern-body">
        <a class="kern-link" href="/abfall">
          {t('waste-citizen.address.otherAddress')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        {t('waste-citizen.address.heading')}
        <span class="bs-waste-address">{`${cal.address.label}, ${cal.address.postcode} ${ctx.municipality.name}`}</span>
      </h1>
      {savedFull && (
        <p class="kern-body" role="status">
          {t('waste-citizen.address.savedFull', { max: 5 })}
        </p>
      )}
      <SaveForm ctx={ctx} id={id} saved={saved} />
      <section class="bs-section" aria-labelledby="next-heading">
        <h2 class="kern-heading-medium" id="next-heading">
          {t('waste-citizen.address.next')}
        </h2>
        {cal.next.length === 0 ? (
          <p class="kern-body">{t('waste-citizen.address.noDates')}</p>
        ) : (
          <>
            <NextList ctx={ctx} today={cal.today} next={cal.next} />
            <p class="kern-body kern-body--small">{t('waste-citizen.address.outBy')}</p>
          </>
        )}
      </section>
      <Missed ctx={ctx} cal={cal} />
      {reminders}
      <section class="bs-section" aria-labelledby="upcoming-heading">
        <h2 class="kern-heading-medium" id="upcoming-heading">
          {t('waste-citizen.address.upcoming')}
        </h2>
        <Filter ctx={ctx} cal={cal} />
        <Upcoming ctx={ctx} cal={cal} />
      </section>
      <MonthTable
        ctx={ctx}
        month={cal.month}
        today={cal.today}
        binTypes={cal.binTypes}
        collections={cal.monthCollections}
        monthHref={(month) => `${pageHref(id, { ...links, month })}#month-heading`}
      />
      <IcalSection ctx={ctx} action={addressPath(id)} binKeys={cal.selected} month={cal.month} {...ical} />
      {cal.seasons.length > 0 && (
        <section class="bs-section" aria-labelledby="pdf-heading">
          <h2 class="kern-heading-medium" id="pdf-heading">
            {t('waste-citizen.pdf.heading')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {cal.seasons.map((s) => (
              <li key={s.key}>
                <a class="kern-link" href={pdfPath(id, { ...links, season: s.key })}>
                  {t('waste-citizen.pdf.link', { season: s.key })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
