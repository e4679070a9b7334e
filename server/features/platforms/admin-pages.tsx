import { Type as T } from '@sinclair/typebox';
import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { type FormBody, list, submit, text } from '../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import {
  createPlatform,
  deletePlatform,
  getPlatform,
  listPlatforms,
  movePlatform,
  type PlatformInput,
  updatePlatform,
} from './service.js';
import { PlatformFormPage, PlatformListPage, platformValues } from './views/admin.js';

const guard = requireStaff('editor', 'admin');
const { page, form, item, itemForm } = pageRoutes(guard);
const moveRoute = {
  schema: { hide: true, params: T.Object({ id: T.String(), direction: T.String() }) },
  preHandler: guard,
};
const base = '/admin/datenplattformen';

const platformInput = (body: FormBody): PlatformInput => ({
  slug: text(body, 'slug'),
  nameDe: text(body, 'nameDe'),
  nameEn: text(body, 'nameEn'),
  offersDe: text(body, 'offersDe'),
  offersEn: text(body, 'offersEn'),
  interfaces: list(body, 'interfaces'),
  url: text(body, 'url'),
  operatorDe: text(body, 'operatorDe'),
  operatorEn: text(body, 'operatorEn'),
});

/** Editors maintain the data platforms overview: list and order, create, edit, delete; every change is audited. */
export default async function platformAdminPages(app: App, deps: Deps): Promise<void> {
  const mid = deps.config.municipality.id;
  addAdminNavItem(app, { href: base, labelKey: 'platforms.nav', roles: ['editor', 'admin'], order: 65 });

  app.get(base, page, async (request, reply) =>
    sendHtml(
      reply,
      <PlatformListPage ctx={pageContext(request, reply)} platforms={await listPlatforms(deps.db, mid)} />,
    ),
  );

  app.get(`${base}/neu`, page, async (request, reply) =>
    sendHtml(reply, <PlatformFormPage ctx={pageContext(request, reply)} values={platformValues()} />),
  );

  app.post(base, form, async (request, reply) => {
    const values = platformInput(request.body);
    const result = await submit(() => createPlatform(deps, mid, values, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${base}?done=created`, 303);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <PlatformFormPage ctx={ctx} values={values} errors={result.errors} />, result.status);
  });

  app.get(`${base}/:id`, item, async (request, reply) => {
    const platform = await getPlatform(deps.db, mid, pageId(request.params.id, 'Platform'));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <PlatformFormPage ctx={ctx} platform={platform} values={platformValues(platform)} />);
  });

  app.post(`${base}/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Platform');
    const platform = await getPlatform(deps.db, mid, id);
    const values = platformInput(request.body);
    const result = await submit(() => updatePlatform(deps, mid, id, values, actorOf(staffOf(request))));
    if (result.ok) return reply.redirect(`${base}?done=saved`, 303);
    const ctx = pageContext(request, reply);
    const page = <PlatformFormPage ctx={ctx} platform={platform} values={values} errors={result.errors} />;
    return sendHtml(reply, page, result.status);
  });

  app.post(`${base}/:id/loeschen`, item, async (request, reply) => {
    await deletePlatform(deps, mid, pageId(request.params.id, 'Platform'), actorOf(staffOf(request)));
    return reply.redirect(`${base}?done=deleted`, 303);
  });

  app.post(`${base}/:id/:direction`, moveRoute, async (request, reply) => {
    const { direction } = request.params;
    const id = pageId(request.params.id, 'Platform');
    if (direction !== 'hoch' && direction !== 'runter') return reply.callNotFound();
    await movePlatform(deps, mid, id, direction === 'hoch' ? 'up' : 'down', actorOf(staffOf(request)));
    return reply.redirect(`${base}?done=moved#plattform-${id}`, 303);
  });
}
