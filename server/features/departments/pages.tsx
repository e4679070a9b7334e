import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import type { App, Deps } from '../../platform/deps.js';
import { submit, text } from '../../platform/http/forms.js';
import { pageId, pageRoutes } from '../../platform/http/page-schemas.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import { createDepartment, getDepartment, listDepartments, setDepartmentActive, updateDepartment } from './service.js';
import { DepartmentFormPage, departmentValues } from './views/form.js';
import { DepartmentListPage } from './views/list.js';

const { page, form, item, itemForm } = pageRoutes(requireStaff('admin'));
const idParam = (params: { id: string }) => pageId(params.id, 'Department');

/** Back-office pages to list, create, edit and (de)activate departments; admins only. */
export default async function departmentPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  addAdminNavItem(app, { href: '/admin/departments', labelKey: 'departments.nav', roles: ['admin'], order: 80 });

  app.get('/admin/departments', page, async (request, reply) => {
    const departments = await listDepartments(deps.db, municipalityId);
    return sendHtml(reply, <DepartmentListPage ctx={pageContext(request, reply)} departments={departments} />);
  });

  app.get('/admin/departments/new', page, async (request, reply) =>
    sendHtml(reply, <DepartmentFormPage ctx={pageContext(request, reply)} values={departmentValues()} />),
  );

  app.post('/admin/departments', form, async (request, reply) => {
    const body = request.body;
    const values = {
      name: text(body, 'name'),
      slug: text(body, 'slug'),
      email: text(body, 'email'),
      phone: text(body, 'phone'),
    };
    const result = await submit(() =>
      deps.db.transaction((tx) => createDepartment(tx, { municipalityId, ...values }, actorOf(staffOf(request)))),
    );
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <DepartmentFormPage ctx={ctx} values={values} errors={result.errors} />, result.status);
    }
    return reply.redirect('/admin/departments?done=created', 303);
  });

  app.get('/admin/departments/:id', item, async (request, reply) => {
    const department = await getDepartment(deps.db, municipalityId, idParam(request.params));
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <DepartmentFormPage ctx={ctx} department={department} values={departmentValues(department)} />,
    );
  });

  app.post('/admin/departments/:id', itemForm, async (request, reply) => {
    const id = idParam(request.params);
    const department = await getDepartment(deps.db, municipalityId, id);
    const body = request.body;
    const values = {
      name: text(body, 'name'),
      slug: text(body, 'slug'),
      email: text(body, 'email'),
      phone: text(body, 'phone'),
    };
    const result = await submit(() => updateDepartment(deps.db, municipalityId, id, values, actorOf(staffOf(request))));
    if (!result.ok) {
      const ctx = pageContext(request, reply);
      return sendHtml(
        reply,
        <DepartmentFormPage ctx={ctx} department={department} values={values} errors={result.errors} />,
        result.status,
      );
    }
    return reply.redirect('/admin/departments?done=saved', 303);
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(`/admin/departments/:id/${path}`, item, async (request, reply) => {
      await setDepartmentActive(deps.db, municipalityId, idParam(request.params), active, actorOf(staffOf(request)));
      return reply.redirect(`/admin/departments?done=${active ? 'activated' : 'deactivated'}`, 303);
    });
  }
}
