import { requireStaff, requireStaffAccount, staffOf } from '../../platform/auth/guards.js';
import { bindSession, currentSessionIdHash, endSessionCookie, regenerateSession } from '../../platform/auth/index.js';
import { staffRoles } from '../../platform/auth/types.js';
import type { App, Deps } from '../../platform/deps.js';
import { submit, text } from '../../platform/http/forms.js';
import { backOfficePath } from '../../platform/http/next-path.js';
import { formBodySchema, pageQuerySchema, single } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { listDepartments } from '../departments/service.js';
import { changeOwnPassword, logIn, logOut, logOutEverywhere } from '../users/account-service.js';
import { AccountPage } from './views/account.js';
import { DashboardPage } from './views/dashboard.js';
import { LoginPage } from './views/login.js';

/** The back-office shell: login and logout, the dashboard and the user's own account page. */
export default async function adminPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const throttled = { rateLimit: { max: deps.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } };
  addAdminNavItem(app, { href: '/admin', labelKey: 'admin.nav.dashboard', roles: staffRoles, order: 0 });
  const form = { hide: true, body: formBodySchema };
  const nextPath = (next: string | undefined) => (next ? backOfficePath(next, deps.config.publicUrl) : undefined);

  app.get('/admin/login', { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const next = nextPath(single(request.query.next));
    if (request.staff) return reply.redirect(next ?? '/admin', 303);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <LoginPage ctx={ctx} next={next} />);
  });

  app.post('/admin/login', { schema: form, config: throttled }, async (request, reply) => {
    const body = request.body;
    const email = text(body, 'email');
    const next = nextPath(text(body, 'next'));
    // A new session id for every login attempt: an id planted before the login is never the one signed in.
    const sessionIdHash = await regenerateSession(request);
    const result = await submit(() => logIn(deps, { email, password: text(body, 'password', true), sessionIdHash }));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <LoginPage ctx={ctx} email={email} next={next} errors={result.errors} />, result.status);
    }
    bindSession(request, result.value.userId);
    return reply.redirect(result.value.mustChangePassword ? '/admin/account?required=1' : (next ?? '/admin'), 303);
  });

  app.post('/admin/logout', { schema: { hide: true } }, async (request, reply) => {
    if (request.staff) await logOut(deps, request.staff, currentSessionIdHash(request));
    await endSessionCookie(request, reply);
    return reply.redirect('/admin/login?loggedOut=1', 303);
  });

  app.post(
    '/admin/logout-everywhere',
    { schema: { hide: true }, preHandler: requireStaffAccount() },
    async (request, reply) => {
      await logOutEverywhere(deps, staffOf(request));
      await endSessionCookie(request, reply);
      return reply.redirect('/admin/login?loggedOut=everywhere', 303);
    },
  );

  app.get('/admin', { schema: { hide: true }, preHandler: requireStaff() }, async (request, reply) => {
    const staff = staffOf(request);
    const ctx = pageContext(request, reply);
    const counts = (await Promise.all(ctx.adminNav.map((item) => item.counts?.(staff) ?? []))).flat();
    return sendHtml(reply, <DashboardPage ctx={ctx} staff={staff} counts={counts} />);
  });

  const accountPage = async (departmentIds: number[]) => {
    if (departmentIds.length === 0) return [];
    const departments = await listDepartments(deps.db, municipalityId);
    return departments.filter((d) => departmentIds.includes(d.id)).map((d) => d.name);
  };

  app.get('/admin/account', { schema: { hide: true }, preHandler: requireStaffAccount() }, async (request, reply) => {
    const staff = staffOf(request);
    const names = await accountPage(staff.departmentIds);
    return sendHtml(reply, <AccountPage ctx={pageContext(request, reply)} staff={staff} departmentNames={names} />);
  });

  app.post(
    '/admin/account/password',
    { schema: form, preHandler: requireStaffAccount(), config: throttled },
    async (request, reply) => {
      const body = request.body;
      const staff = staffOf(request);
      const result = await submit(() =>
        changeOwnPassword(deps, staff, {
          currentPassword: text(body, 'currentPassword', true),
          newPassword: text(body, 'newPassword', true),
          confirmPassword: text(body, 'confirmPassword', true),
          sessionIdHash: currentSessionIdHash(request),
        }),
      );
      if (!result.ok) {
        const names = await accountPage(staff.departmentIds);
        const ctx = pageContext(request, reply);
        return sendHtml(
          reply,
          <AccountPage ctx={ctx} staff={staff} departmentNames={names} errors={result.errors} />,
          result.status,
        );
      }
      return reply.redirect(staff.mustChangePassword ? '/admin?done=password' : '/admin/account?done=password', 303);
    },
  );
}
