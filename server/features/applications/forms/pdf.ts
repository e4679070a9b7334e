import PDFDocument from 'pdfkit';
import type { I18n } from '../../../platform/i18n.js';
import { type Answers, isVisible, shownAnswers } from '../core/answers.js';
import type { FormDefinition, FormField, LocalText } from '../core/definition.js';

// The analog channel: every form as a PDF to print, sign and post or bring. Filled in from a draft, or empty with
// lines to write on (every field, conditions in words). The office's address and hours head the first page.

export interface PdfOffice {
  name: string;
  address: string[];
  phone: string;
  email: string;
  hours: string[];
}

export interface PdfInput {
  i18n: I18n;
  municipalityName: string;
  form: FormDefinition;
  office: PdfOffice | undefined;
  /** Undefined: the empty form. */
  answers?: Answers;
  files?: { fieldKey: string; name: string }[];
  /** Print date (YYYY-MM-DD, local), in the footer. */
  today: string;
}

const margin = 50;
const text = (i18n: I18n, t: LocalText | undefined) => (t ? (i18n.lang !== 'de' && t.en ? t.en : t.de) : '');

function valueText(i18n: I18n, f: FormField, value: string | string[] | undefined): string {
  const values = (Array.isArray(value) ? value : [value ?? '']).filter(Boolean);
  if (f.type === 'checkbox')
    return value === 'yes' ? `[x] ${i18n.t('applications.form.yes')}` : `[ ] ${i18n.t('applications.form.no')}`;
  if (values.length === 0) return '–';
  if (f.type === 'date') return i18n.date(`${values[0]}T12:00:00Z`, 'medium');
  if (f.options) return values.map((v) => text(i18n, f.options?.find((o) => o.value === v)?.label) || v).join(', ');
  return values.join(', ');
}

/** The form as a PDF (A4, Helvetica, black on white, tagged with its language). */
export function renderApplicationPdf(input: PdfInput): Promise<Buffer> {
  const { i18n, form } = input;
  const { t } = i18n;
  const filled = input.answers !== undefined;
  const title = text(i18n, form.title);
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    info: { Title: title, Author: input.municipalityName },
    lang: i18n.lang,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * margin;

  doc.font('Helvetica').fontSize(10).text(input.municipalityName);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(18).text(title);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${t('applications.pdf.leika')}: ${form.leistungsschluessel}`);
  doc.moveDown(0.5).text(filled ? t('applications.pdf.filledNote') : t('applications.pdf.emptyNote'));
  if (input.office) {
    const o = input.office;
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(t('applications.pdf.sendTo'));
    doc
      .font('Helvetica')
      .fontSize(10)
      .text([o.name, ...o.address].join('\n'));
    if (o.phone) doc.text(`${t('applications.start.phone')}: ${o.phone}`);
    if (o.email) doc.text(`${t('applications.pdf.email')}: ${o.email}`);
    if (o.hours.length) {
      doc.moveDown(0.3).font('Helvetica-Bold').text(t('applications.start.hours'));
      doc.font('Helvetica').text(o.hours.join('\n'));
    }
  }
  const answers = input.answers ? shownAnswers(form, input.answers) : {};
  for (const step of form.steps) {
    const fields = filled ? step.fields.filter((f) => isVisible(form, f, input.answers ?? {})) : step.fields;
    if (fields.length === 0) continue;
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(text(i18n, step.title));
    for (const f of fields) {
      if (doc.y > doc.page.height - margin - 60) doc.addPage();
      doc
        .moveDown(0.4)
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(`${text(i18n, f.label)}${f.required ? ' *' : ''}`, { width });
      if (!filled && f.showIf) {
        const target = form.steps.flatMap((s) => s.fields).find((x) => x.key === f.showIf?.field);
        const wanted = (f.showIf.in ?? [f.showIf.equals ?? '']).map(
          (w) => text(i18n, target?.options?.find((o) => o.value === w)?.label) || w,
        );
        doc
          .font('Helvetica-Oblique')
          .fontSize(9)
          .text(t('applications.form.onlyIf', { choices: wanted.join(' / '), field: text(i18n, target?.label) }));
      }
      doc.font('Helvetica').fontSize(10);
      if (f.type === 'file') {
        const names = (input.files ?? []).filter((x) => x.fieldKey === f.key).map((x) => x.name);
        doc.text(
          filled && names.length
            ? `${t('applications.pdf.enclose')}: ${names.join(', ')}`
            : `[ ] ${t('applications.pdf.enclose')}`,
        );
      } else if (filled) {
        doc.text(valueText(i18n, f, answers[f.key] ?? (f.type === 'checkbox' ? '' : undefined)), { width });
      } else if (f.options) {
        doc.text(f.options.map((o) => `[ ] ${text(i18n, o.label)}`).join('    '), { width });
      } else if (f.type === 'checkbox') {
        doc.text(`[ ] ${t('applications.form.yes')}`);
      } else {
        const lines = f.type === 'textarea' ? 3 : 1;
        for (let i = 0; i < lines; i++) {
          doc.moveDown(0.9);
          doc
            .moveTo(margin, doc.y)
            .lineTo(margin + width, doc.y)
            .lineWidth(0.5)
            .stroke();
        }
      }
    }
  }
  if (doc.y > doc.page.height - margin - 120) doc.addPage();
  doc.moveDown(2).font('Helvetica').fontSize(10).text(t('applications.pdf.signatureNote'));
  doc.moveDown(2.5);
  const y = doc.y;
  doc
    .moveTo(margin, y)
    .lineTo(margin + width * 0.4, y)
    .stroke();
  doc
    .moveTo(margin + width * 0.5, y)
    .lineTo(margin + width, y)
    .stroke();
  doc.fontSize(9).text(t('applications.pdf.placeDate'), margin, y + 4);
  doc.text(t('applications.pdf.signature'), margin + width * 0.5, y + 4);
  doc
    .moveDown(2)
    .fontSize(8)
    .text(t('applications.pdf.printed', { date: i18n.date(`${input.today}T12:00:00Z`, 'medium') }), margin);
  doc.end();
  return done;
}
