import { parseAddressQuery } from '../../../../shared/address-normalize.js';
import type { App, Deps } from '../../../platform/deps.js';
import { idParamsSchema, pageId, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { presentAddress } from '../../addresses/present.js';
import { findAddressByText, searchAddressesByText } from '../../addresses/service.js';
import { renderAddressReminderSlot } from '../core/page-slots.js';
import { feedPath, pageHref, parseBinKeys } from './links.js';
import { parseMonth } from './month.js';
import { qrSvg } from './qr.js';
import { parseReminder } from './reminder.js';
import { savedAddresses, storeSavedAddresses, withSavedAddress } from './saved-addresses.js';
import { calendarAddressOf, getAddressCalendar, getCalendarAddress, listSavedAddresses } from './service.js';
import { AddressPage } from './views/address-page.js';
import { WasteSearchPage } from './views/search-page.js';

const maxQueryLength = 200;

/** The Abfallkalender's citizen pages: address search, one address's calendar, saving addresses in the browser. */
export default async function wasteCitizenPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const secure = deps.config.publicUrl.startsWith('https://');
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, {
    href: '/abfall',
    titleKey: 'waste-citizen.module.title',
    textKey: 'waste-citizen.module.text',
    order: 30,
  });

  app.get(
    '/abfall',
    { schema: { hide: true, querystring: pageQuerySchema }, config: reads },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const q = (single(request.query.q) ?? '').replace(/\s+/g, ' ').trim();
      const chosen = single(request.query.id);
      // The autocomplete names the address it took: straight to its calendar.
      if (chosen && /^[1-9]\d{0,15}$/.test(chosen))
        return reply.redirect(pageHref(Number(chosen), { binKeys: [] }), 303);
      const saved = await listSavedAddresses(deps, savedAddresses(request));
      if (!q) return sendHtml(reply, <WasteSearchPage ctx={ctx} q="" saved={saved} />);
      const problem =
        q.length < 2 || !parseAddressQuery(q).key
          ? ctx.i18n.t('waste-citizen.search.tooShort')
          : q.length > maxQueryLength
            ? ctx.i18n.t('waste-citizen.search.tooLong', { max: maxQueryLength })
            : undefined;
      if (problem) {
        const page = <WasteSearchPage ctx={ctx} q={q.slice(0, maxQueryLength)} error={problem} saved={saved} />;
        return sendHtml(reply, page, 400);
      }
      const exact = await findAddressByText(deps.db, municipalityId, q);
      if (exact) return reply.redirect(pageHref(Number(exact.id), { binKeys: [] }), 303);
      const rows = await searchAddressesByText(deps, municipalityId, q, 20);
      const results = rows.map((r) => calendarAddressOf(presentAddress(r)));
      return sendHtml(reply, <WasteSearchPage ctx={ctx} q={q} results={results} saved={saved} />);
    },
  );

  app.get(
    '/abfall/adresse/:id',
    { schema: { hide: true, params: idParamsSchema, querystring: pageQuerySchema }, config: reads },
    async (request, reply) => {
      const id = pageId(request.params.id, 'Address');
      const binKeys = parseBinKeys(request.query.arten);
      const month = parseMonth(single(request.query.monat));
      const cal = await getAddressCalendar(deps, id, { binKeys, ...(month ? { month } : {}) });
      const ctx = pageContext(request, reply);
      const lang = ctx.i18n.lang === deps.config.municipality.defaultLanguage ? undefined : ctx.i18n.lang;
      const reminder = parseReminder(single(request.query.erinnerung));
      const feedUrl = new URL(feedPath(id, { binKeys: cal.selected, reminder, lang }), deps.config.publicUrl).href;
      const qr = await qrSvg(feedUrl.replace(/^https?:\/\//, 'webcal://'));
      const saved = savedAddresses(request).includes(id);
      const savedFull = single(request.query.gemerkt) === 'voll';
      return sendHtml(
        reply,
        <AddressPage
          ctx={ctx}
          cal={cal}
          saved={saved}
          savedFull={savedFull}
          ical={{ reminder, feedUrl, qr }}
          reminders={renderAddressReminderSlot(ctx, { addressId: id, binTypes: cal.binTypes })}
        />,
      );
    },
  );

  const form = { schema: { hide: true, params: idParamsSchema }, config: reads };
  app.post('/abfall/adresse/:id/merken', form, async (request, reply) => {
    const id = pageId(request.params.id, 'Address');
    await getCalendarAddress(deps, id); // not_found for an address that does not exist
    const { ids, dropped } = withSavedAddress(savedAddresses(request), id);
    storeSavedAddresses(reply, ids, secure);
    return reply.redirect(`/abfall/adresse/${id}${dropped ? '?gemerkt=voll' : ''}`, 303);
  });
  app.post('/abfall/adresse/:id/vergessen', form, async (request, reply) => {
    const id = pageId(request.params.id, 'Address');
    storeSavedAddresses(
      reply,
      savedAddresses(request).filter((s) => s !== id),
      secure,
    );
    return reply.redirect(`/abfall/adresse/${id}`, 303);
  });
}
