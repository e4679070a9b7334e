import { Type as T } from '@sinclair/typebox';
import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { submit, text } from '../../platform/http/forms.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './keys-service.js';
import { Open311KeyShownPage, Open311KeysPage } from './views/keys.js';

const admins = requireStaff('admin');
const page = { schema: { hide: true }, preHandler: admins };
const createForm = {
  schema: { hide: true, body: T.Object({ name: T.Optional(T.Union([T.String(), T.Array(T.String())])) }) },
  preHandler: admins,
};
const revokeForm = { schema: { hide: true, params: T.Object({ id: T.String() }) }, preHandler: admins };

/** The client id in the path; not_found for anything that is not one. */
function idParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('API client');
  return id;
}

/** Back-office page for the Open311 interface: its address and the API keys (create, shown once; revoke). Admins. */
export default async function open311KeyPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const endpoint = `${deps.config.publicUrl.replace(/\/$/, '')}/open311`;
  addAdminNavItem(app, { href: '/admin/open311', labelKey: 'open311.nav', roles: ['admin'], order: 85 });

  app.get('/admin/open311', page, async (request, reply) => {
    const clients = await listOpen311Clients(deps.db, municipalityId);
    return sendHtml(reply, <Open311KeysPage ctx={pageContext(request, reply)} clients={clients} endpoint={endpoint} />);
  });

  app.post('/admin/open311', createForm, async (request, reply) => {
    const name = text(request.body, 'name');
    const result = await submit(() => createOpen311Client(deps, { municipalityId, name }, actorOf(staffOf(request))));
    const ctx = pageContext(request, reply);
    if (!result.ok) {
      const clients = await listOpen311Clients(deps.db, municipalityId);
      // The form helpers translate only keys of letters ("open311" has digits), so the messages are text here.
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([field, key]) => [field, ctx.i18n.t(key, { defaultValue: key })]),
      );
      return sendHtml(
        reply,
        <Open311KeysPage ctx={ctx} clients={clients} endpoint={endpoint} name={name} errors={errors} />,
        result.status,
      );
    }
    const { client, key } = result.value;
    return sendHtml(reply, <Open311KeyShownPage ctx={ctx} client={client} apiKey={key} />, 201);
  });

  app.post('/admin/open311/:id/revoke', revokeForm, async (request, reply) => {
    const id = idParam(request.params.id);
    await revokeOpen311Client(deps, municipalityId, id, actorOf(staffOf(request)));
    return reply.redirect('/admin/open311?done=revoked', 303);
  });
}
