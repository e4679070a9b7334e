import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import { type FieldErrors, notFound } from '../../../platform/errors.js';
import { submit } from '../../../platform/http/forms.js';
import {
  formBodySchema,
  multipartBodySchema,
  type PageQuery,
  pageQuerySchema,
  single,
} from '../../../platform/http/page-schemas.js';
import { type PageContext, pageContext } from '../../../platform/views/context.js';
import { addHomeModule } from '../../../platform/views/registry.js';
import { sendHtml } from '../../../platform/views/render.js';
import { type Category, isSelectable, listCategories } from '../core/categories.js';
import { statusPathFor } from '../core/status-token.js';
import { privatePage } from '../core/views/private-page.js';
import {
  type CitizenFormValues,
  emptyValues,
  readPhotos,
  readValues,
  toNewReport,
  uploadErrors,
} from './citizen-form.js';
import { type LocationChoices, type PreviewedLocation, previewLocation } from './citizen-location.js';
import { draftPhotoData, forgetDraft, keepDraftPhotos } from './drafts.js';
import { dropFile, droppedFiles, formLimits, guardFormBody, keepPhoto } from './form-body.js';
import { leaveForMine } from './mine-cookie.js';
import { categoryFrequencyNear, findNearbyOpenReports } from './nearby.js';
import { findReportByStatusToken } from './reporter-view.js';
import reportStatusPages from './status-pages.js';
import { submitReport } from './submit-service.js';
import { rememberSupported, supportedReferences } from './supported-cookie.js';
import { addSupporter } from './supporters.js';
import { errorKey } from './validation.js';
import { type ReportFormData, ReportFormPage } from './views/form-page.js';
import { ReceiptPage } from './views/receipt.js';
import { SupportedPage } from './views/supported-page.js';

const receiptCookie = 'bs_receipt';
const receiptPath = '/meldungen/eingang';
const referencePattern = /^[A-Z]{1,4}-\d{4}-\d{6}$/;

/** Field messages as sentences: the service's are i18n keys (also of catalogues the form helpers do not know). */
function translate(ctx: PageContext, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, ctx.i18n.t(message, { defaultValue: message })]),
  );
}

/** Fills the address and the chosen category's answers from a link's query (`address`, `addressId`, `answers.x`). */
function prefill(values: CitizenFormValues, category: Category, query: PageQuery): void {
  const address = single(query.address)?.trim().slice(0, 200);
  const addressId = single(query.addressId);
  if (address) values.address = address;
  if (addressId && /^[1-9]\d{0,15}$/.test(addressId)) values.addressId = addressId;
  for (const q of category.questions) {
    const given = single(query[`answers.${q.code}`]);
    if (given !== undefined && (!q.values || q.values.some((v) => v.key === given))) values.answers[q.code] = given;
  }
}

/** Citizen pages of the Mängelmelder: the report form with its no-JavaScript steps, receipt, status link, support. */
export default async function reportCitizenPages(app: App, deps: Deps): Promise<void> {
  const municipalityId = deps.config.municipality.id;
  const https = deps.config.publicUrl.startsWith('https://');
  const writes = { rateLimit: { max: deps.config.rateLimit.publicWritesPerMinute, timeWindow: '1 minute' } };
  await reportStatusPages(app, deps);
  addHomeModule(app, { href: '/melden', titleKey: 'reports.module.title', textKey: 'reports.module.text', order: 20 });

  /** The form as data: categories, the chosen one, the retention period its consent text states. */
  async function formData(
    values: CitizenFormValues,
    extra: Partial<ReportFormData> = {},
  ): Promise<ReportFormData & { chosen?: Category }> {
    const categories = await listCategories(deps, municipalityId);
    const found = categories.find((c) => c.code === values.category);
    const chosen = found && isSelectable(found, categories) ? found : undefined;
    const leaves = categories.filter((c) => isSelectable(c, categories));
    const retentionDays =
      chosen?.retentionDaysAfterClose ?? Math.max(91, ...leaves.map((c) => c.retentionDaysAfterClose));
    return {
      values,
      errors: {},
      categories,
      chosen,
      photosDropped: 0,
      retentionDays,
      retentionMaxDays: deps.config.reports.retentionMaxDays,
      photoMaxBytes: deps.config.reports.photoMaxBytes,
      ...extra,
    };
  }

  function renderForm(request: FastifyRequest, reply: FastifyReply, data: ReportFormData, status = 200) {
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <ReportFormPage ctx={ctx} data={{ ...data, errors: translate(ctx, data.errors) }} />,
      status,
    );
  }

  /**
   * The form's place, checked: fills the preview, the choices (unknown address, ambiguous landmark) and the order
   * of the categories (most reported there first). Errors go into `errors` (pass {} to check silently).
   */
  async function locate(
    values: CitizenFormValues,
    errors: FieldErrors,
    data: ReportFormData,
  ): Promise<PreviewedLocation | undefined> {
    const choices: LocationChoices = {};
    const place = await previewLocation(deps, values, errors, choices);
    data.choices = choices;
    if (!place) return undefined;
    // A choice made is the place from now on: the field shows it, and the next step needs no choice again.
    if (values.landmarkId && place.place) {
      values.landmark = place.place;
      values.landmarkId = '';
    }
    data.preview = { label: place.label, district: place.district, typed: values.landmark, place: place.place };
    data.frequency = await categoryFrequencyNear(deps, municipalityId, place.lat, place.lon);
    return place;
  }

  app.get('/melden', { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const values = emptyValues();
    const preset = single(request.query.category);
    if (preset !== undefined) values.category = preset.slice(0, 63);
    const data = await formData(values);
    // Other services link into the form with the place and answers filled in (e.g. "Tonne nicht geleert" from the
    // Abfallkalender); the values are only a start: everything is checked again when the form is sent.
    if (data.chosen) prefill(values, data.chosen, request.query);
    return renderForm(request, reply, data);
  });

  // Pages shown after a POST (a step, an error) link their language switch to their own URL: back to the form.
  for (const path of ['/melden/schritt', '/melden/unterstuetzen']) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`/melden${search}`, 303);
    });
  }

  /** The receipt page reads the link from a short-lived cookie, so the token is in no URL the browser sends on. */
  function setReceipt(reply: FastifyReply, receipt: { r: string; p: string; m: boolean | 'confirm' }): void {
    const cookie = Buffer.from(JSON.stringify(receipt)).toString('base64url');
    reply.setCookie(receiptCookie, cookie, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: https,
      path: receiptPath,
      maxAge: 60 * 60,
    });
  }

  // After sending with JavaScript (POST /api/reports): the script posts the status token here and follows the
  // redirect, so the receipt has its own URL, as without JavaScript, and survives reload and Back without the
  // report being sent again. Only a token of an existing report makes a receipt.
  const receiptForm = { hide: true, body: formBodySchema };
  app.post(receiptPath, { schema: receiptForm, config: writes }, async (request, reply) => {
    const token = single(request.body.statusToken) ?? '';
    const report = token ? await findReportByStatusToken(deps, token) : undefined;
    if (!report) return reply.redirect('/melden', 303);
    const mail = single(request.body.mailed);
    setReceipt(reply, {
      r: report.reference,
      p: statusPathFor(token),
      m: mail === 'confirm' ? 'confirm' : mail === '1',
    });
    return reply.redirect(receiptPath, 303);
  });

  app.get(receiptPath, { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[receiptCookie];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    if (!unsigned?.valid || !unsigned.value) return reply.redirect('/melden', 303);
    let receipt: { r: string; p: string; m?: boolean | 'confirm' };
    try {
      receipt = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
    } catch {
      return reply.redirect('/melden', 303);
    }
    privatePage(reply);
    leaveForMine(reply, receipt.p, https);
    const ctx = pageContext(request, reply);
    const statusUrl = new URL(receipt.p, deps.config.publicUrl).toString();
    return sendHtml(
      reply,
      <ReceiptPage ctx={ctx} reference={receipt.r} statusPath={receipt.p} statusUrl={statusUrl} mailed={receipt.m} />,
    );
  });

  app.get('/melden/unterstuetzt', { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const query = request.query;
    const reference = single(query.meldung) ?? '';
    if (!referencePattern.test(reference)) throw notFound('Report');
    const ctx = pageContext(request, reply);
    return sendHtml(
      reply,
      <SupportedPage
        ctx={ctx}
        reference={reference}
        mailed={query.mail === '1' ? true : query.mail === 'bestaetigen' ? 'confirm' : false}
        already={query.bereits === '1'}
      />,
    );
  });

  // Multipart only here (photos); the CSRF token travels as the form's `_csrf` field, which the parser puts into
  // the body before the page scope's CSRF check runs (preValidation comes before preHandler). Only sending the
  // report keeps photos; the steps and supporting stream them away (intake/form-body.ts).
  const multipartForm = { hide: true, body: multipartBodySchema };
  const formBody = (onFile: typeof keepPhoto) => ({
    attachFieldsToBody: 'keyValues' as const,
    onFile,
    throwFileSizeLimit: false,
    limits: formLimits(deps),
  });
  await app.register(async (forms: App) => {
    forms.addHook('onRequest', guardFormBody(deps));
    await forms.register(multipart, formBody(dropFile));

    forms.post('/melden/unterstuetzen', { schema: multipartForm, config: writes }, async (request, reply) => {
      const body = request.body;
      const values = readValues(body);
      const reference = typeof body.supportReference === 'string' ? body.supportReference.trim() : '';
      if (!referencePattern.test(reference)) throw notFound('Report');
      // Once per browser: a second "me too" from here counts nothing (the address check is the service's).
      if (supportedReferences(request).includes(reference)) {
        return reply.redirect(`/melden/unterstuetzt?meldung=${encodeURIComponent(reference)}&bereits=1`, 303);
      }
      const result = await submit(() =>
        addSupporter(deps, municipalityId, reference, {
          email: values.email || undefined,
          notifyEmail: values.notifyEmail,
          language: request.i18n.lang,
          proofOfWork: values.altcha || undefined,
        }),
      );
      if (!result.ok) {
        const data = await formData(values, { photosDropped: droppedFiles(body), errors: result.errors });
        return renderForm(request, reply, data, result.status);
      }
      const { alreadySupporting: already, confirmationMailed: confirm } = result.value;
      rememberSupported(request, reply, reference, https);
      const mail = already
        ? '&bereits=1'
        : confirm
          ? '&mail=bestaetigen'
          : values.email && values.notifyEmail
            ? '&mail=1'
            : '';
      return reply.redirect(`/melden/unterstuetzt?meldung=${encodeURIComponent(reference)}${mail}`, 303);
    });
  });

  await app.register(async (sending: App) => {
    sending.addHook('onRequest', guardFormBody(deps));
    await sending.register(multipart, formBody(keepPhoto));

    // The no-JavaScript steps, in the order of the form: the place checked (an unknown address or an ambiguous
    // landmark offers choices), the categories most reported there first, the chosen category's questions, open
    // reports of that category nearby. Chosen photos are kept for the draft, so a repeated step loses none.
    sending.post('/melden/schritt', { schema: multipartForm, config: writes }, async (request, reply) => {
      const body = request.body;
      const values = readValues(body);
      const errors: FieldErrors = {};
      const kept = await keepDraftPhotos(deps, values.draft, readPhotos(body), values.removePhotos, errors);
      values.draft = kept.draft;
      const data = await formData(values, { keptPhotos: kept.photos });
      const located = await locate(values, body.step === 'location' ? errors : {}, data);
      if (body.step !== 'location' && !data.chosen) errors.category = errorKey('category_unknown');
      if (located && data.chosen) {
        data.duplicates = await findNearbyOpenReports(deps, municipalityId, data.chosen.code, located.lat, located.lon);
        values.duplicatesShown = true;
      }
      return renderForm(request, reply, { ...data, errors }, Object.keys(errors).length > 0 ? 400 : 200);
    });

    sending.post('/melden', { schema: multipartForm, config: writes }, async (request, reply) => {
      const body = request.body;
      const values = readValues(body);
      const uploads = readPhotos(body);
      const errors: FieldErrors = {};
      uploadErrors(uploads, errors);
      // New uploads join the draft's kept photos first: an error below shows the form again without losing them.
      const kept = await keepDraftPhotos(deps, values.draft, errors.photos ? [] : uploads, values.removePhotos, errors);
      values.draft = kept.draft;
      const data = await formData(values, { keptPhotos: kept.photos });
      if (Object.keys(errors).length > 0) {
        await locate(values, {}, data);
        return renderForm(request, reply, { ...data, errors }, 400);
      }
      const photos = await draftPhotoData(deps, values.draft);

      // Open reports of the same kind nearby are shown once before anything is filed.
      if (!values.duplicatesShown && data.chosen) {
        const place = await locate(values, {}, data);
        const nearby = place
          ? await findNearbyOpenReports(deps, municipalityId, data.chosen.code, place.lat, place.lon)
          : [];
        if (nearby.length > 0) {
          values.duplicatesShown = true;
          return renderForm(request, reply, { ...data, duplicates: nearby, notice: 'duplicates' });
        }
      }

      const input = toNewReport(values, data.chosen, [], request.i18n.lang, errors);
      input.photos = photos;
      if (Object.keys(errors).length > 0) {
        await locate(values, {}, data);
        return renderForm(request, reply, { ...data, errors }, 400);
      }
      const result = await submit(() =>
        submitReport(deps, municipalityId, input, { idempotencyKey: values.idempotencyKey }),
      );
      if (!result.ok) {
        // A key used for another report (a changed form sent again after success): the next send gets a new one.
        if (result.code === 'conflict') values.idempotencyKey = emptyValues().idempotencyKey;
        await locate(values, {}, data);
        return renderForm(request, reply, { ...data, errors: result.errors }, result.status);
      }
      await forgetDraft(deps, values.draft);
      const { reference, statusPath, emailConfirmation } = result.value;
      const mailed = emailConfirmation === 'pending' ? 'confirm' : !!values.email && values.notifyEmail;
      setReceipt(reply, { r: reference, p: statusPath, m: mailed });
      return reply.redirect(receiptPath, 303);
    });
  });
}
