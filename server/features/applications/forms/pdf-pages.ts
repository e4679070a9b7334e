import { Type as T } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../platform/deps.js';
import type { I18n } from '../../../platform/i18n.js';
import { findOfficeByKey, type OfficeNow } from '../../services/service.js';
import { getForm } from '../core/catalogue.js';
import type { FormDefinition } from '../core/definition.js';
import { readApplicant } from './applicant.js';
import { type PdfOffice, renderApplicationPdf } from './pdf.js';
import { getDraft, todayOf } from './service.js';
import { hoursLines } from './views/office.js';

// The analog channel's PDFs: the empty form of every service, and a draft filled in (only for its owner).

const slugParams = T.Object({ slug: T.String() });
const draftParams = T.Object({ slug: T.String(), draft: T.String() });

function pdfOffice(i18n: I18n, office: OfficeNow | undefined): PdfOffice | undefined {
  if (!office) return undefined;
  const name = i18n.lang !== 'de' && office.name.en ? office.name.en : office.name.de;
  const address = (office.postalAddress || `${office.street}\n${office.postcode} ${office.city}`).split(/\n|,\s*/);
  return { name, address, phone: office.phone, email: office.email, hours: hoursLines(i18n.lang, office.hours) };
}

export default async function applicationPdfPages(app: App, deps: Deps): Promise<void> {
  const m = deps.config.municipality.id;
  const send = async (
    reply: FastifyReply,
    i18n: I18n,
    form: FormDefinition,
    filled?: Parameters<typeof renderApplicationPdf>[0]['answers'],
    files?: { fieldKey: string; name: string }[],
  ) => {
    const office = pdfOffice(i18n, await findOfficeByKey(deps, m, form.office));
    const pdf = await renderApplicationPdf({
      i18n,
      municipalityName: deps.config.municipality.name,
      form,
      office,
      answers: filled,
      files,
      today: todayOf(deps),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${form.slug}${filled ? '-ausgefuellt' : ''}.pdf"`)
      .send(pdf);
  };

  app.get('/antraege/:slug/formular.pdf', { schema: { hide: true, params: slugParams } }, async (request, reply) => {
    const { form } = await getForm(deps, m, request.params.slug);
    return send(reply, request.i18n, form);
  });

  app.get(
    '/antraege/:slug/:draft/antrag.pdf',
    { schema: { hide: true, params: draftParams } },
    async (request, reply) => {
      const open = await getDraft(
        deps,
        m,
        request.params.slug,
        request.params.draft,
        await readApplicant(deps, request),
      );
      reply.header('cache-control', 'no-store');
      return send(reply, request.i18n, open.form, open.draft.answers, open.files);
    },
  );
}
