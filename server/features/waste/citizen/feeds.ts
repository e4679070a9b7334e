import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { idParamsSchema, pageId, pageQuerySchema, single } from '../../../platform/http/page-schemas.js';
import { startOfLocalDay } from '../../../platform/time.js';
import { wasteCacheTag } from '../core/cache.js';
import { listBinTypes } from '../core/service.js';
import { renderFeed } from './ical.js';
import { binName } from './labels.js';
import { feedPath, parseBinKeys } from './links.js';
import { renderSeasonPdf } from './pdf.js';
import { parseReminder } from './reminder.js';
import {
  findPrintSeason,
  getCalendarAddress,
  listFeedCollections,
  listSeasonCollections,
  pickBinKeys,
  todayOf,
} from './service.js';

/** The iCal subscription and the printable PDF of an address's collections. */
export default async function wasteFeeds(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality;
  const reads = { rateLimit: { max: deps.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } };
  const schema = { hide: true, params: idParamsSchema, querystring: pageQuerySchema };

  // Calendar apps poll: the answer is cached per URL and language (weak ETag, 304) and forgotten on an import.
  const feedCache = {
    ttlSeconds: 300,
    tag: wasteCacheTag(m.id),
    vary: (request: { i18n: { lang: string } }) => request.i18n.lang,
    cacheControl: 'public, max-age=3600',
  };
  app.get(
    '/abfall/adresse/:id/kalender.ics',
    { schema, config: { ...reads, responseCache: feedCache } },
    async (request, reply) => {
      const id = pageId(request.params.id, 'Address');
      const address = await getCalendarAddress(deps, id);
      const binKeys = pickBinKeys(await listBinTypes(deps.db, m.id), parseBinKeys(request.query.arten));
      const reminder = parseReminder(single(request.query.erinnerung));
      const { i18n } = request;
      const lang = i18n.lang === m.defaultLanguage ? undefined : i18n.lang;
      const collections = await listFeedCollections(deps, id, binKeys);
      const body = renderFeed({
        collections,
        lang: i18n.lang,
        municipalityId: m.id,
        municipalityName: m.officialName,
        addressId: id,
        calendarName: i18n.t('waste-citizen.ical.calendarName', { address: address.label }),
        alarmText: (c) =>
          i18n.t(c.binType.kind === 'bin' ? 'waste-citizen.ical.alarm' : 'waste-citizen.ical.alarmEvent', {
            bins: binName(c.binType, i18n.lang),
          }),
        ...(reminder ? { reminder } : {}),
        host: new URL(deps.config.publicUrl).hostname,
        url: new URL(feedPath(id, { binKeys, reminder, lang }), deps.config.publicUrl).href,
        // A stamp that changes once a day, not per request, so an unchanged feed keeps its ETag.
        now: startOfLocalDay(todayOf(deps), m.timeZone),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="abfuhrtermine-${id}.ics"`)
        .send(body);
    },
  );

  app.get('/abfall/adresse/:id/kalender.pdf', { schema, config: reads }, async (request, reply) => {
    const id = pageId(request.params.id, 'Address');
    const address = await getCalendarAddress(deps, id);
    const binTypes = await listBinTypes(deps.db, m.id);
    const binKeys = pickBinKeys(binTypes, parseBinKeys(request.query.arten));
    const season = await findPrintSeason(deps, single(request.query.saison));
    if (!season) throw notFound('Season');
    const pdf = await renderSeasonPdf({
      i18n: request.i18n,
      municipalityName: m.officialName,
      addressLabel: `${address.label}, ${address.postcode} ${m.name}`,
      season,
      binTypes,
      collections: await listSeasonCollections(deps, id, season, binKeys),
      today: todayOf(deps),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="abfuhrkalender-${season.key}-${id}.pdf"`)
      .header('cache-control', 'no-cache')
      .send(pdf);
  });
}
