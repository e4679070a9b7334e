import { readFile } from 'node:fs/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { requireStaff, staffOf } from '../../../platform/auth/guards.js';
import { resolveFromRoot } from '../../../platform/config.js';
import type { App, Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { text } from '../../../platform/http/forms.js';
import { formBodySchema, multipartBodySchema } from '../../../platform/http/page-schemas.js';
import { csrfCookieName } from '../../../platform/http/security.js';
import { pageContext } from '../../../platform/views/context.js';
import { addAdminNavItem } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { importLimits } from './problems.js';
import { applyUpload, loadWasteOverview, previewUpload } from './upload-service.js';
import { emptyImportValues, type ImportFormValues, WasteImportPage } from './views/import-page.js';
import { WastePreviewPage } from './views/preview.js';

const admins = requireStaff('admin');
const importPath = '/admin/abfall/import';

interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

/** Reads the file part into memory up to the import limit (the limit itself is checked after parsing). */
async function keepFile(part: MultipartFile): Promise<void> {
  const data = await part.toBuffer();
  const file: UploadedFile = { filename: part.filename, data, truncated: part.file.truncated };
  (part as unknown as { value: UploadedFile }).value = file;
}

/** Before reading the body: no CSRF cookie cannot pass; a body beyond the limit is refused by its length. */
async function guardUpload(request: FastifyRequest): Promise<void> {
  if (!request.cookies[csrfCookieName]) {
    throw new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > importLimits.maxBytes + 64 * 1024) {
    throw new AppError('payload_too_large', 'The request body is too large');
  }
}

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** The uploaded file part of the body (set by keepFile), or undefined. */
function uploadedFile(body: Record<string, unknown>): UploadedFile | undefined {
  const v = body.file;
  if (!v || typeof v !== 'object' || !('data' in v) || !Buffer.isBuffer(v.data)) return undefined;
  const filename = 'filename' in v && typeof v.filename === 'string' ? v.filename : '';
  return { filename, data: v.data, truncated: 'truncated' in v && v.truncated === true };
}

function formValues(body: Record<string, unknown>): ImportFormValues {
  return {
    route: field(body, 'route').slice(0, 60),
    binType: field(body, 'binType').slice(0, 40),
    season: field(body, 'season').slice(0, 20),
    address: field(body, 'address').slice(0, 200),
  };
}

/** The back office's waste import: upload → preview (nothing written) → apply; the current data below the form. */
export default async function wasteImportPages(app: App, deps: Deps): Promise<void> {
  addAdminNavItem(app, { href: importPath, labelKey: 'waste-admin.import.navLabel', roles: ['admin'], order: 65 });

  app.get(importPath, { schema: { hide: true }, preHandler: admins }, async (request, reply) => {
    const overview = await loadWasteOverview(deps);
    return sendHtml(
      reply,
      <WasteImportPage ctx={pageContext(request, reply)} overview={overview} values={emptyImportValues} />,
    );
  });

  app.get(`${importPath}/format`, { schema: { hide: true }, preHandler: admins }, async (_request, reply) => {
    const doc = await readFile(resolveFromRoot('docs', 'waste-import.md'), 'utf8');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(doc);
  });

  await app.register(async (uploads: App) => {
    uploads.addHook('onRequest', guardUpload);
    await uploads.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: keepFile,
      throwFileSizeLimit: false,
      limits: { fileSize: importLimits.maxBytes + 1, files: 1, fields: 10, fieldSize: 1000 },
    });
    uploads.post(
      importPath,
      { schema: { hide: true, body: multipartBodySchema }, preHandler: admins },
      async (request, reply) => {
        const body = request.body;
        const values = formValues(body);
        const file = uploadedFile(body);
        const ctx = pageContext(request, reply);
        const overview = await loadWasteOverview(deps);
        if (!file || file.data.length === 0) {
          return sendHtml(
            reply,
            <WasteImportPage ctx={ctx} overview={overview} values={values} fileError="noFile" />,
            400,
          );
        }
        const ical = Object.fromEntries(
          (['route', 'binType', 'season', 'address'] as const).filter((k) => values[k]).map((k) => [k, values[k]]),
        );
        const content = file.truncated ? Buffer.alloc(importLimits.maxBytes + 1) : file.data;
        const upload = { fileName: (file.filename || 'upload').slice(0, 200), content, ical };
        const { plan, uploadId } = await previewUpload(deps, staffOf(request), upload);
        if (!uploadId) {
          const page = <WasteImportPage ctx={ctx} overview={overview} values={values} problems={plan.problems} />;
          return sendHtml(reply, page, 400);
        }
        return sendHtml(reply, <WastePreviewPage ctx={ctx} plan={plan} uploadId={uploadId} />);
      },
    );
  });

  app.post(
    `${importPath}/apply`,
    { schema: { hide: true, body: formBodySchema }, preHandler: admins },
    async (request, reply) => {
      const outcome = await applyUpload(
        deps,
        staffOf(request),
        text(request.body, 'upload'),
        text(request.body, 'digest'),
      );
      const ctx = pageContext(request, reply);
      if (outcome.status === 'changed') {
        if (outcome.plan.problems.length > 0) {
          const overview = await loadWasteOverview(deps);
          const page = (
            <WasteImportPage
              ctx={ctx}
              overview={overview}
              values={emptyImportValues}
              problems={outcome.plan.problems}
            />
          );
          return sendHtml(reply, page, 409);
        }
        const page = <WastePreviewPage ctx={ctx} plan={outcome.plan} uploadId={outcome.uploadId} changedSincePreview />;
        return sendHtml(reply, page, 409);
      }
      const overview = await loadWasteOverview(deps);
      const notice =
        outcome.status === 'expired'
          ? { kind: 'warning' as const, text: ctx.i18n.t('waste-admin.import.expired') }
          : { kind: 'success' as const, text: ctx.i18n.t('waste-admin.import.applied', { ...outcome.plan.totals }) };
      const page = <WasteImportPage ctx={ctx} overview={overview} values={emptyImportValues} notice={notice} />;
      return sendHtml(reply, page, outcome.status === 'expired' ? 410 : 200);
    },
  );
}
