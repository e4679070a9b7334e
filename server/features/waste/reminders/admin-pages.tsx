import { requireStaff } from '../../../platform/auth/guards.js';
import type { App, Deps } from '../../../platform/deps.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { getReminderFigures } from './figures.js';
import { FiguresPage } from './views/figures-page.js';

/** The reminders' usage figures in the back office (admins). */
export default async function wasteReminderAdminPages(app: App, deps: Deps): Promise<void> {
  addAdminNavItem(app, {
    href: '/admin/abfall/erinnerungen',
    labelKey: 'waste-reminders.figures.nav',
    roles: ['admin'],
    order: 72,
  });
  const page = { schema: { hide: true }, preHandler: requireStaff('admin') };
  app.get('/admin/abfall/erinnerungen', page, async (request, reply) => {
    const figures = await getReminderFigures(deps);
    return sendHtml(reply, <FiguresPage ctx={pageContext(request, reply)} figures={figures} />);
  });
}
