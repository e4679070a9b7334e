import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { StaffRole } from '../../platform/auth/types.js';
import type { App, Deps } from '../../platform/deps.js';
import { type FormBody, list, submit, text } from '../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import { listDepartments } from '../departments/service.js';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from './service.js';
import { UserFormPage, type UserFormValues, userValues } from './views/form.js';
import { UserListPage } from './views/list.js';
import { PasswordShownPage } from './views/password-shown.js';

const { page, form, item, itemForm } = pageRoutes(requireStaff('admin'));
const idParam = (params: { id: string }) => pageId(params.id, 'User');

function formValues(body: FormBody): UserFormValues {
  return {
    displayName: text(body, 'displayName'),
    email: text(body, 'email'),
    role: text(body, 'role'),
    departmentIds: list(body, 'departmentIds'),
  };
}

/** Back-office user management: list, create, edit, disable/enable, reset password; admins only. */
export default async function userPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  addAdminNavItem(app, { href: '/admin/users', labelKey: 'users.nav', roles: ['admin'], order: 70 });

  app.get('/admin/users', page, async (request, reply) => {
    const [users, departments] = await Promise.all([
      listUsers(deps, municipalityId),
      listDepartments(deps.db, municipalityId),
    ]);
    return sendHtml(reply, <UserListPage ctx={pageContext(request, reply)} users={users} departments={departments} />);
  });

  app.get('/admin/users/new', page, async (request, reply) => {
    const departments = await listDepartments(deps.db, municipalityId);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <UserFormPage ctx={ctx} values={userValues()} departments={departments} />);
  });

  app.post('/admin/users', form, async (request, reply) => {
    const body = request.body;
    const values = formValues(body);
    const chosen = text(body, 'password', true);
    const result = await submit(() =>
      createUser(
        deps,
        {
          municipalityId,
          ...values,
          role: values.role as StaffRole,
          departmentIds: values.departmentIds.map(Number),
          ...(chosen ? { password: chosen } : {}),
          mustChangePassword: true,
        },
        actorOf(staffOf(request)),
      ),
    );
    const ctx = pageContext(request, reply);
    if (!result.ok) {
      const departments = await listDepartments(deps.db, municipalityId);
      return sendHtml(
        reply,
        <UserFormPage ctx={ctx} values={values} departments={departments} errors={result.errors} />,
        result.status,
      );
    }
    const user = await getUser(deps, municipalityId, result.value.id);
    return sendHtml(
      reply,
      <PasswordShownPage ctx={ctx} kind="created" user={user} password={chosen ? undefined : result.value.password} />,
      201,
    );
  });

  app.get('/admin/users/:id', item, async (request, reply) => {
    const [user, departments] = await Promise.all([
      getUser(deps, municipalityId, idParam(request.params)),
      listDepartments(deps.db, municipalityId),
    ]);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <UserFormPage ctx={ctx} user={user} values={userValues(user)} departments={departments} />);
  });

  app.post('/admin/users/:id', itemForm, async (request, reply) => {
    const id = idParam(request.params);
    const user = await getUser(deps, municipalityId, id);
    const values = formValues(request.body);
    const result = await submit(() => updateUser(deps, municipalityId, id, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const departments = await listDepartments(deps.db, municipalityId);
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <UserFormPage ctx={ctx} user={user} values={values} departments={departments} errors={result.errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/users?done=saved', 303);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/admin/users/:id/${path}`, item, async (request, reply) => {
      const id = idParam(request.params);
      const result = await submit(() => setUserDisabled(deps, municipalityId, id, disabled, actorOf(staffOf(request))));
      if (!result.ok) {
        const [user, departments] = await Promise.all([
          getUser(deps, municipalityId, id),
          listDepartments(deps.db, municipalityId),
        ]);
        const ctx = pageContext(request, reply);
        return sendHtml(
          reply,
          <UserFormPage
            ctx={ctx}
            user={user}
            values={userValues(user)}
            departments={departments}
            errors={result.errors}
          />,
          result.status,
        );
      }
      return reply.redirect(`/admin/users?done=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  app.post('/admin/users/:id/reset-password', item, async (request, reply) => {
    const id = idParam(request.params);
    if (id === staffOf(request).id) return reply.redirect('/admin/account', 303);
    const { password } = await resetPassword(deps, municipalityId, id, actorOf(staffOf(request)));
    const user = await getUser(deps, municipalityId, id);
    return sendHtml(
      reply,
      <PasswordShownPage ctx={pageContext(request, reply)} kind="reset" user={user} password={password} />,
    );
  });
}
