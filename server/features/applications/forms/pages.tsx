import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type as T } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { AppError, type FieldErrors, notFound } from '../../../platform/errors.js';
import { submit } from '../../../platform/http/forms.js';
import { multipartBodySchema, pageQuerySchema } from '../../../platform/http/page-schemas.js';
import { csrfCookieName } from '../../../platform/http/security.js';
import { pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { citizenLoginEnabled, loginUrl } from '../../citizens/service.js';
import { findOfficeByKey } from '../../services/service.js';
import type { Answers } from '../core/answers.js';
import { getEntry, linkUrl, listCatalogue } from '../core/catalogue.js';
import { allFields, type Definition } from '../core/definition.js';
import { deleteDraft } from '../core/drafts-queries.js';
import { fitConnectEnabled } from '../core/fit-connect/destinations.js';
import { ensureApplicant, readApplicant } from './applicant.js';
import { cleanNotice, getOfficeKey, prepareBrowserSend, sendDraft, sendEncrypted } from './send-service.js';
import {
  type Applicant,
  getDraft,
  listDrafts,
  meetsRequiredLevel,
  missingStep,
  type OpenDraft,
  removeFile,
  saveStep,
  startDraft,
  todayOf,
  type Upload,
} from './service.js';
import { CataloguePage, LinkPage, StartPage } from './views/catalogue-pages.js';
import { StepPage, SummaryPage } from './views/step-pages.js';

// The citizen's pages of the online services: the list, a service's start page, the steps, the summary, sending.
// Everything works without JavaScript; pages with a draft are personal and never cached.

const slugParams = T.Object({ slug: T.String() });
const draftParams = T.Object({ slug: T.String(), draft: T.String() });
const stepParams = T.Object({ slug: T.String(), draft: T.String(), step: T.String() });

const maxUploadBytes = 20 * 1024 * 1024;
const encryptedBodySchema = T.Object(
  {
    dataJwe: T.String({ maxLength: 1_000_000 }),
    /** FIT-Connect's metadata document, encrypted like the data (required for FIT-Connect services). */
    metadataJwe: T.Optional(T.String({ maxLength: 1_000_000 })),
    notifyEmail: T.Optional(T.String({ maxLength: 254 })),
    files: T.Array(
      T.Object(
        { id: T.String({ maxLength: 36 }), jwe: T.String({ maxLength: 30_000_000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
  },
  { additionalProperties: false },
);

interface KeptFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

/** Keeps a file part in memory with its truncation flag (the service checks size, type and count). */
async function keepFile(part: MultipartFile): Promise<void> {
  const data = await part.toBuffer();
  (part as unknown as { value: KeptFile }).value = { filename: part.filename, data, truncated: part.file.truncated };
}

function readBody(body: Record<string, unknown>): {
  answers: Answers;
  uploads: Upload[];
  action: string;
  remove?: string;
} {
  const answers: Answers = {};
  const uploads: Upload[] = [];
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v && typeof v === 'object' && 'data' in v) {
        const f = v as KeptFile;
        if (f.data.length > 0 || f.truncated)
          uploads.push({ fieldKey: name, name: f.filename, bytes: f.data, truncated: f.truncated });
      }
    }
    const texts = values.filter((v): v is string => typeof v === 'string');
    if (texts.length > 0 && !name.startsWith('_'))
      answers[name] = texts.length === 1 && !Array.isArray(value) ? texts[0]! : texts;
  }
  const action = typeof body.aktion === 'string' ? body.aktion : 'weiter';
  const remove = typeof body.entfernen === 'string' ? body.entfernen : undefined;
  return { answers, uploads, action, remove };
}

function stepNumber(s: string, steps: number): number {
  if (!/^[1-9][0-9]?$/.test(s) || Number(s) > steps) throw notFound('Step');
  return Number(s) - 1;
}

export default async function applicationPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  addHomeModule(app, {
    href: '/antraege',
    titleKey: 'applications.module.title',
    textKey: 'applications.module.text',
    order: 45,
  });

  const officeOf = (def: Definition) =>
    def.kind === 'form' ? findOfficeByKey(deps, m, def.office) : Promise.resolve(undefined);
  // A FIT-Connect service counts as online when FIT-Connect is configured: no request to FIT-Connect per page view
  // (sending asks for the destination's key, and says so when it cannot be had).
  const online = async (def: Definition) =>
    def.kind === 'form' &&
    (def.delivery.kind === 'fit-connect'
      ? fitConnectEnabled(deps)
      : await getOfficeKey(deps, m, def).then(
          () => true,
          () => false,
        ));

  app.get('/antraege', { schema: { hide: true } }, async (request, reply) => {
    const entries = (await listCatalogue(deps, m)).map((e) => e.definition);
    const applicant = await readApplicant(deps, request);
    const drafts = await listDrafts(deps, m, applicant);
    const ctx = pageContext(request, reply);
    const titles = new Map(entries.map((e) => [e.slug, e]));
    return sendHtml(
      reply,
      <CataloguePage ctx={ctx} entries={entries} drafts={drafts} titles={titles} citizen={applicant.citizen} />,
    );
  });

  app.get('/antraege/:slug', { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const { definition: def } = await getEntry(deps, m, request.params.slug);
    const ctx = pageContext(request, reply);
    if (def.kind === 'link') return sendHtml(reply, <LinkPage ctx={ctx} link={def} href={linkUrl(deps, def)} />);
    const applicant = await readApplicant(deps, request);
    const attributes = [...new Set(allFields(def).flatMap((f) => (f.prefill ? [f.prefill] : [])))];
    // The login asks for the level the service needs, or the lowest where any would do (then it only pre-fills).
    const level = def.trustLevel === 'none' ? 'basic' : def.trustLevel;
    const loginHref = citizenLoginEnabled(deps.config)
      ? loginUrl(`/antraege/${def.slug}`, level, attributes)
      : undefined;
    return sendHtml(
      reply,
      <StartPage
        ctx={ctx}
        form={def}
        office={await officeOf(def)}
        allowed={meetsRequiredLevel(applicant, def.trustLevel)}
        loginHref={loginHref}
        online={await online(def)}
        citizen={applicant.citizen}
      />,
    );
  });

  app.get('/antraege/:slug/:draft', { schema: { hide: true, params: draftParams } }, async (request, reply) => {
    const { slug, draft } = request.params;
    const open = await getDraft(deps, m, slug, draft, await readApplicant(deps, request));
    const missing = missingStep(deps, open);
    return reply.redirect(
      missing === undefined ? `/antraege/${slug}/${draft}/pruefen` : `/antraege/${slug}/${draft}/${missing + 1}`,
      303,
    );
  });

  const renderStep = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    draftId: string,
    index: number,
    errors: FieldErrors,
    input?: Answers,
    status = 200,
  ) => {
    const open = await getDraft(deps, m, slug, draftId, await readApplicant(deps, request));
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <StepPage
        ctx={ctx}
        form={open.form}
        draftId={draftId}
        stepIndex={index}
        answers={{ ...open.draft.answers, ...input }}
        files={open.files}
        errors={errors}
        today={todayOf(deps)}
        changed={open.changed}
        saved={ctx.query.gespeichert === '1'}
      />,
      status,
    );
  };

  app.get(
    '/antraege/:slug/:draft/:step',
    { schema: { hide: true, params: stepParams, querystring: pageQuerySchema } },
    async (request, reply) => {
      const { slug, draft, step } = request.params;
      const open = await getDraft(deps, m, slug, draft, await readApplicant(deps, request));
      const index = stepNumber(step, open.form.steps.length);
      // A step further than the citizen has come is not skipped to: the first one missing is shown instead.
      if (index > open.draft.reached)
        return reply.redirect(`/antraege/${slug}/${draft}/${open.draft.reached + 1}`, 303);
      return renderStep(request, reply, slug, draft, index, {});
    },
  );

  /** The summary; `notice` and `errors` when sending failed on the notification address. */
  const renderSummary = async (
    request: FastifyRequest,
    reply: FastifyReply,
    open: OpenDraft,
    applicant: Applicant,
    failed?: { notifyEmail: string; errors: FieldErrors },
  ) => {
    const ctx = pageContext(request, reply);
    const given = open.draft.answers.email;
    const notifyEmail = failed?.notifyEmail ?? applicant.attributes.email ?? (typeof given === 'string' ? given : '');
    return sendHtml(
      reply,
      <SummaryPage
        ctx={ctx}
        form={open.form}
        draftId={open.draft.id}
        answers={open.draft.answers}
        files={open.files}
        online={await online(open.form)}
        notifyEmail={notifyEmail}
        errors={failed?.errors}
      />,
      failed ? 400 : 200,
    );
  };

  app.get('/antraege/:slug/:draft/pruefen', { schema: { hide: true, params: draftParams } }, async (request, reply) => {
    const { slug, draft } = request.params;
    const applicant = await readApplicant(deps, request);
    const open = await getDraft(deps, m, slug, draft, applicant);
    const missing = missingStep(deps, open);
    if (missing !== undefined) return reply.redirect(`/antraege/${slug}/${draft}/${missing + 1}`, 303);
    return renderSummary(request, reply, open, applicant);
  });

  // With JavaScript the browser encrypts: it fetches the office's key, the document and the files (only the draft's
  // owner, never cached), and sends back ciphertext only.
  app.get(
    '/antraege/:slug/:draft/versand.json',
    { schema: { hide: true, params: draftParams } },
    async (request, reply) => {
      const { slug, draft } = request.params;
      const applicant = await readApplicant(deps, request);
      const open = await getDraft(deps, m, slug, draft, applicant);
      reply.header('cache-control', 'no-store');
      return prepareBrowserSend(deps, m, open, applicant, request.i18n.lang);
    },
  );

  app.post(
    '/antraege/:slug/:draft/senden-verschluesselt',
    {
      schema: { hide: true, params: draftParams, body: encryptedBodySchema },
      config: writes,
      // Ciphertext of the attachments (base64url, a third larger than the files) and the answers.
      bodyLimit: maxUploadBytes * 2,
    },
    async (request, reply) => {
      const { slug, draft } = request.params;
      const applicant = await readApplicant(deps, request);
      const open = await getDraft(deps, m, slug, draft, applicant);
      const { notifyEmail, ...ciphertext } = request.body;
      const notice = cleanNotice(notifyEmail, request.i18n.lang);
      const sent = await sendEncrypted(deps, m, open, applicant, ciphertext, notice);
      return reply.code(201).send({ location: `/antraege/status/${sent.token}?neu=1`, reference: sent.reference });
    },
  );

  // Every form post: multipart where a step has file fields (the CSRF token travels in the body, checked after
  // parsing), urlencoded otherwise.
  await app.register(async (steps: App) => {
    steps.addHook('onRequest', async (request) => {
      if (!request.cookies[csrfCookieName]) {
        throw new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
      }
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > maxUploadBytes + deps.config.bodyLimitBytes) {
        throw new AppError('payload_too_large', 'The request body is too large');
      }
    });
    await steps.register(multipart, {
      attachFieldsToBody: 'keyValues',
      onFile: keepFile,
      throwFileSizeLimit: false,
      limits: { fileSize: maxUploadBytes, files: 10, fields: 200, fieldSize: 20_000 },
    });
    steps.post(
      '/antraege/:slug/start',
      { schema: { hide: true, params: slugParams, body: multipartBodySchema }, config: writes },
      async (request, reply) => {
        const applicant = await ensureApplicant(deps, request, reply);
        const id = await startDraft(deps, m, request.params.slug, applicant);
        return reply.redirect(`/antraege/${request.params.slug}/${id}/1`, 303);
      },
    );

    steps.post(
      '/antraege/:slug/:draft/senden',
      { schema: { hide: true, params: draftParams, body: multipartBodySchema }, config: writes },
      async (request, reply) => {
        const { slug, draft } = request.params;
        const applicant = await readApplicant(deps, request);
        const open = await getDraft(deps, m, slug, draft, applicant);
        const missing = missingStep(deps, open);
        if (missing !== undefined) return reply.redirect(`/antraege/${slug}/${draft}/${missing + 1}`, 303);
        const notifyEmail = typeof request.body.benachrichtigung === 'string' ? request.body.benachrichtigung : '';
        const outcome = await submit(() =>
          sendDraft(deps, m, open, applicant, cleanNotice(notifyEmail, request.i18n.lang)),
        );
        if (!outcome.ok) return renderSummary(request, reply, open, applicant, { notifyEmail, errors: outcome.errors });
        return reply.redirect(`/antraege/status/${outcome.value.token}?neu=1`, 303);
      },
    );

    steps.post(
      '/antraege/:slug/:draft/verwerfen',
      { schema: { hide: true, params: draftParams, body: multipartBodySchema }, config: writes },
      async (request, reply) => {
        const { slug, draft } = request.params;
        const open = await getDraft(deps, m, slug, draft, await readApplicant(deps, request));
        await deleteDraft(deps.db, open.draft.id);
        return reply.redirect('/antraege?verworfen=1', 303);
      },
    );

    steps.post(
      '/antraege/:slug/:draft/:step',
      { schema: { hide: true, params: stepParams, body: multipartBodySchema }, config: writes },
      async (request, reply) => {
        const { slug, draft, step } = request.params;
        const open = await getDraft(deps, m, slug, draft, await readApplicant(deps, request));
        const index = stepNumber(step, open.form.steps.length);
        const { answers, uploads, action, remove } = readBody(request.body as Record<string, unknown>);
        if (remove) {
          await removeFile(deps, open, remove);
          return reply.redirect(`/antraege/${slug}/${draft}/${index + 1}`, 303);
        }
        const errors = await saveStep(deps, m, open, index, answers, uploads);
        if (action === 'speichern') {
          // "Save and continue later" keeps what is valid and says so; the messages wait for "Next".
          return reply.redirect(`/antraege/${slug}/${draft}/${index + 1}?gespeichert=1`, 303);
        }
        if (Object.keys(errors).length > 0) return renderStep(request, reply, slug, draft, index, errors, answers, 400);
        const next = index + 1 < open.form.steps.length ? `${index + 2}` : 'pruefen';
        return reply.redirect(`/antraege/${slug}/${draft}/${next}`, 303);
      },
    );
  });
}
