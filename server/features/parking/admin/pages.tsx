import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { notFound } from '../../../platform/errors.js';
import { type FormBody, submit, text } from '../../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../../platform/http/page-schemas.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { actorOf } from '../../audit/service.js';
import { selectFacilities, selectFacility } from '../core/facilities-queries.js';
import { pollFeeds } from '../feeds/service.js';
import { selectFeedStates } from '../feeds/state-queries.js';
import { importFacilities, saveFacility } from './service.js';
import { cleanFacility, type FacilityValues, facilityFields, facilityValues } from './validation.js';
import { FacilityFormPage } from './views/form.js';
import { FacilityImportPage } from './views/import.js';
import { ParkingAdminListPage } from './views/list.js';

const admins = requireStaff('admin');
const { page, form, item, itemForm } = pageRoutes(admins);
const base = '/admin/parken';

const formValues = (body: FormBody) =>
  Object.fromEntries(facilityFields.map((f) => [f, text(body, f)])) as FacilityValues;

/** Back office of parking: facilities (list, form, import of the city's export) and the feeds' health; admins. */
export default async function parkingAdminPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  addAdminNavItem(app, { href: base, labelKey: 'parking.admin.nav', roles: ['admin'], order: 80 });

  app.get(base, page, async (request, reply) => {
    const [facilities, states] = await Promise.all([selectFacilities(deps.db, m), selectFeedStates(deps.db, m)]);
    const byUrl = new Map(states.map((s) => [s.url, s]));
    const feeds = deps.config.parking.feeds.map((f) => ({ ...f, state: byUrl.get(f.url) }));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <ParkingAdminListPage ctx={ctx} facilities={facilities} feeds={feeds} />);
  });

  app.get(`${base}/neu`, page, async (request, reply) =>
    sendHtml(reply, <FacilityFormPage ctx={pageContext(request, reply)} values={facilityValues()} />),
  );

  app.get(`${base}/import`, page, async (request, reply) =>
    sendHtml(reply, <FacilityImportPage ctx={pageContext(request, reply)} />),
  );

  app.post(`${base}/import`, form, async (request, reply) => {
    const raw = text(request.body, 'file', true);
    const outcome = await submit(() => importFacilities(deps, raw, actorOf(staffOf(request))));
    const ctx = pageContext(request, reply);
    if (!outcome.ok) {
      return sendHtml(reply, <FacilityImportPage ctx={ctx} text={raw} errors={outcome.errors} />, outcome.status);
    }
    if (outcome.value.errors.length > 0) {
      return sendHtml(reply, <FacilityImportPage ctx={ctx} text={raw} rowErrors={outcome.value.errors} />, 400);
    }
    return reply.redirect(`${base}?done=imported&n=${outcome.value.created + outcome.value.updated}`, 303);
  });

  // Every configured feed at once, backoff or not (after a source was mended); the outcome as the list's notice.
  app.post(`${base}/abrufen`, form, async (request, reply) => {
    const results = await pollFeeds(deps, { dryRun: false, log: request.log, force: true });
    const failed = results.filter((r) => r.outcome === 'failed').length;
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    return reply.redirect(`${base}?done=fetched&n=${results.length}&failed=${failed}&accepted=${accepted}`, 303);
  });

  app.post(base, form, async (request, reply) => {
    const values = formValues(request.body);
    const { value, errors } = cleanFacility(values);
    const outcome = await submit(() => saveFacility(deps, undefined, value, errors, actorOf(staffOf(request))));
    if (outcome.ok) return reply.redirect(`${base}?done=created`, 303);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <FacilityFormPage ctx={ctx} values={values} errors={outcome.errors} />, outcome.status);
  });

  app.get(`${base}/:id`, item, async (request, reply) => {
    const id = pageId(request.params.id, 'Parking facility');
    const facility = await selectFacility(deps.db, m, id);
    if (!facility) throw notFound('Parking facility');
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <FacilityFormPage ctx={ctx} id={id} values={facilityValues(facility)} />);
  });

  app.post(`${base}/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Parking facility');
    const values = formValues(request.body);
    const { value, errors } = cleanFacility(values);
    const outcome = await submit(() => saveFacility(deps, id, value, errors, actorOf(staffOf(request))));
    if (outcome.ok) return reply.redirect(`${base}?done=saved`, 303);
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <FacilityFormPage ctx={ctx} id={id} values={values} errors={outcome.errors} />,
      outcome.status,
    );
  });
}
