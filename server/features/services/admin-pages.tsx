import { readFile } from 'node:fs/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../platform/auth/guards.js';
import { resolveFromRoot } from '../../platform/config.js';
import type { App, Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { type FormBody, list, submit, text } from '../../platform/http/forms.js';
import { multipartBodySchema, pageId, pageRoutes } from '../../platform/http/page-schemas.js';
import { csrfCookieName } from '../../platform/http/security.js';
import { pageContext } from '../../platform/views/context.js';
import { addAdminNavItem } from '../../platform/views/registry.js';
import { sendHtml } from '../../platform/views/render.js';
import { actorOf } from '../audit/service.js';
import { parseDayTexts, weekdayOrder } from './hours.js';
import { type ImportFormat, importServices, maxImportBytes } from './import.js';
import type { Office } from './model.js';
import { deleteService, getOffice, getService, listOffices, listServices, saveOffice, saveService } from './service.js';
import { cleanOffice, cleanService } from './validation.js';
import { ServiceImportPage } from './views/admin-import.js';
import { ServiceAdminListPage } from './views/admin-list.js';
import { OfficeFormPage, type OfficeFormValues, officeTextFields, officeValues } from './views/admin-office-form.js';
import {
  ServiceFormPage,
  type ServiceFormValues,
  serviceTextFields,
  serviceValues,
} from './views/admin-service-form.js';

const editors = requireStaff('editor', 'admin');
const { page, form, item, itemForm } = pageRoutes(editors);
const base = '/admin/leistungen';

function serviceForm(body: FormBody): ServiceFormValues {
  const values = Object.fromEntries(serviceTextFields.map((f) => [f, text(body, f)]));
  return { ...values, topics: list(body, 'topics') } as ServiceFormValues;
}

function officeForm(body: FormBody): OfficeFormValues {
  return Object.fromEntries(officeTextFields.map((f) => [f, text(body, f)])) as OfficeFormValues;
}

/** The office form's values as a clean office plus every field's error (hours per weekday). */
function cleanOfficeForm(values: OfficeFormValues, before?: Office) {
  const days = Object.fromEntries(weekdayOrder.map((d) => [d, values[`hours_${d}`]]));
  const parsed = parseDayTexts(days);
  const position = { lat: before?.lat ?? null, lon: before?.lon ?? null };
  const { value, errors } = cleanOffice(values, parsed.hours, position);
  return { value, errors: { ...errors, ...parsed.errors } };
}

interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

async function keepFile(part: MultipartFile): Promise<void> {
  const file: UploadedFile = { filename: part.filename, data: await part.toBuffer(), truncated: part.file.truncated };
  (part as unknown as { value: UploadedFile }).value = file;
}

/** Before reading the body: no CSRF cookie cannot pass; a body beyond the limit is refused by its length. */
async function guardUpload(request: FastifyRequest): Promise<void> {
  if (!request.cookies[csrfCookieName]) {
    throw new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > maxImportBytes + 64 * 1024) {
    throw new AppError('payload_too_large', 'The request body is too large');
  }
}

function uploadedFile(body: Record<string, unknown>): UploadedFile | undefined {
  const v = body.file;
  if (!v || typeof v !== 'object' || !('data' in v) || !Buffer.isBuffer(v.data)) return undefined;
  const filename = 'filename' in v && typeof v.filename === 'string' ? v.filename : '';
  return { filename, data: v.data, truncated: 'truncated' in v && v.truncated === true };
}

/** Back office of the services A–Z: list, service and office forms, delete, CSV/JSON upload; editors and admins. */
export default async function serviceAdminPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  addAdminNavItem(app, { href: base, labelKey: 'services.admin.nav', roles: ['editor', 'admin'], order: 70 });

  app.get(base, page, async (request, reply) => {
    const [services, offices] = await Promise.all([
      listServices(deps, municipalityId),
      listOffices(deps, municipalityId),
    ]);
    return sendHtml(
      reply,
      <ServiceAdminListPage ctx={pageContext(request, reply)} services={services} offices={offices} />,
    );
  });

  app.get(`${base}/neu`, page, async (request, reply) => {
    const offices = await listOffices(deps, municipalityId);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <ServiceFormPage ctx={ctx} offices={offices} values={serviceValues()} />);
  });

  const saveFromForm = async (request: FastifyRequest, body: FormBody, id: number | undefined) => {
    const values = serviceForm(body);
    const { value, errors } = cleanService(values);
    const outcome = await submit(() => saveService(deps, municipalityId, id, value, errors, actorOf(staffOf(request))));
    return { values, outcome };
  };

  app.post(base, form, async (request, reply) => {
    const { values, outcome } = await saveFromForm(request, request.body, undefined);
    if (outcome.ok) return reply.redirect(`${base}?done=created`, 303);
    const offices = await listOffices(deps, municipalityId);
    const ctx = pageContext(request, reply);
    const view = <ServiceFormPage ctx={ctx} offices={offices} values={values} errors={outcome.errors} />;
    return sendHtml(reply, view, outcome.status);
  });

  app.get(`${base}/:id`, item, async (request, reply) => {
    const service = await getService(deps, municipalityId, pageId(request.params.id, 'Service'));
    const offices = await listOffices(deps, municipalityId);
    const key = offices.find((o) => o.id === service.officeId)?.key;
    const ctx = pageContext(request, reply);
    const view = <ServiceFormPage ctx={ctx} service={service} offices={offices} values={serviceValues(service, key)} />;
    return sendHtml(reply, view);
  });

  app.post(`${base}/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Service');
    const service = await getService(deps, municipalityId, id);
    const { values, outcome } = await saveFromForm(request, request.body, id);
    if (outcome.ok) return reply.redirect(`${base}?done=saved`, 303);
    const offices = await listOffices(deps, municipalityId);
    const ctx = pageContext(request, reply);
    const view = (
      <ServiceFormPage ctx={ctx} service={service} offices={offices} values={values} errors={outcome.errors} />
    );
    return sendHtml(reply, view, outcome.status);
  });

  app.post(`${base}/:id/loeschen`, item, async (request, reply) => {
    await deleteService(deps, municipalityId, pageId(request.params.id, 'Service'), actorOf(staffOf(request)));
    return reply.redirect(`${base}?done=deleted`, 303);
  });

  app.get(`${base}/stellen/neu`, page, async (request, reply) =>
    sendHtml(reply, <OfficeFormPage ctx={pageContext(request, reply)} values={officeValues()} />),
  );

  app.post(`${base}/stellen`, form, async (request, reply) => {
    const values = officeForm(request.body);
    const { value, errors } = cleanOfficeForm(values);
    const outcome = await submit(() =>
      saveOffice(deps, municipalityId, undefined, value, errors, actorOf(staffOf(request))),
    );
    if (outcome.ok) return reply.redirect(`${base}?done=officeCreated`, 303);
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <OfficeFormPage ctx={ctx} values={values} errors={outcome.errors} />, outcome.status);
  });

  app.get(`${base}/stellen/:id`, item, async (request, reply) => {
    const office = await getOffice(deps, municipalityId, pageId(request.params.id, 'Office'));
    const ctx = pageContext(request, reply);
    return sendHtml(reply, <OfficeFormPage ctx={ctx} office={office} values={officeValues(office)} />);
  });

  app.post(`${base}/stellen/:id`, itemForm, async (request, reply) => {
    const id = pageId(request.params.id, 'Office');
    const office = await getOffice(deps, municipalityId, id);
    const values = officeForm(request.body);
    const { value, errors } = cleanOfficeForm(values, office);
    const outcome = await submit(() => saveOffice(deps, municipalityId, id, value, errors, actorOf(staffOf(request))));
    if (outcome.ok) return reply.redirect(`${base}?done=officeSaved`, 303);
    const ctx = pageContext(request, reply);
    const view = <OfficeFormPage ctx={ctx} office={office} values={values} errors={outcome.errors} />;
    return sendHtml(reply, view, outcome.status);
  });

  app.get(`${base}/import`, page, async (request, reply) =>
    sendHtml(reply, <ServiceImportPage ctx={pageContext(request, reply)} />),
  );

  app.get(`${base}/import/format`, page, async (_request, reply) => {
    const doc = await readFile(resolveFromRoot('docs', 'services-import.md'), 'utf8');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(doc);
  });

  await app.register(async (uploads: App) => {
    uploads.addHook('onRequest', guardUpload);
    await uploads.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: keepFile,
      throwFileSizeLimit: false,
      limits: { fileSize: maxImportBytes + 1, files: 1, fields: 5, fieldSize: 1000 },
    });
    uploads.post(
      `${base}/import`,
      { schema: { hide: true, body: multipartBodySchema }, preHandler: editors },
      async (request, reply) => {
        const ctx = pageContext(request, reply);
        const file = uploadedFile(request.body);
        if (!file || file.data.length === 0) {
          return sendHtml(reply, <ServiceImportPage ctx={ctx} fileError="services.import.noFile" />, 400);
        }
        const format = /\.json$/i.test(file.filename) ? 'json' : /\.csv$/i.test(file.filename) ? 'csv' : undefined;
        if (!format) {
          return sendHtml(reply, <ServiceImportPage ctx={ctx} fileError="services.import.formatUnknown" />, 400);
        }
        const content = file.truncated ? Buffer.alloc(maxImportBytes + 1) : file.data;
        const source = { format: format as ImportFormat, content, fileName: file.filename.slice(0, 200) };
        const { plan, applied } = await importServices(deps, municipalityId, source, actorOf(staffOf(request)));
        if (!applied) return sendHtml(reply, <ServiceImportPage ctx={ctx} problems={plan.problems} />, 400);
        return sendHtml(reply, <ServiceImportPage ctx={ctx} applied={applied} />);
      },
    );
  });
}
