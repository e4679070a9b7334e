import PDFDocument from 'pdfkit';
import type { I18n } from '../../../platform/i18n.js';
import type { BinType, Collection, Season } from '../core/types.js';
import { binAbbreviations, binName } from './labels.js';
import { shiftMonth } from './month.js';
import { formatDay } from './views/format.js';

export interface PrintInput {
  i18n: I18n;
  municipalityName: string;
  addressLabel: string;
  season: Season;
  binTypes: BinType[];
  collections: Collection[];
  /** 'YYYY-MM-DD' of the print date (footer). */
  today: string;
}

// A4 in points; black on white only, bins as letters with a legend (readable on any printer).
const page = { width: 595.28, height: 841.89, margin: 36 };
const columns = 3;
const rows = 4;

const ddmm = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;

/** The months of a season ('YYYY-MM'), at most twelve. */
function seasonMonths(season: Season): string[] {
  const out: string[] = [];
  for (let m = season.startsOn.slice(0, 7); m <= season.endsOn.slice(0, 7) && out.length < 12; m = shiftMonth(m, 1))
    out.push(m);
  return out;
}

/** One line per collection day: "Mo 07.12.  R, P" (an asterisk marks a date moved by a holiday). */
function dayLines(i18n: I18n, collections: Collection[], marks: Map<string, string>): Map<string, string[]> {
  const byDay = new Map<string, Collection[]>();
  for (const c of collections) byDay.set(c.date, [...(byDay.get(c.date) ?? []), c]);
  const byMonth = new Map<string, string[]>();
  for (const [day, list] of byDay) {
    const bins = list.map((c) => `${marks.get(c.binType.key) ?? '?'}${c.shiftedFrom ? '*' : ''}`).join(', ');
    const line = `${formatDay(i18n, day, 'weekday')} ${ddmm(day)}  ${bins}`;
    byMonth.set(day.slice(0, 7), [...(byMonth.get(day.slice(0, 7)) ?? []), line]);
  }
  return byMonth;
}

/** The printable season calendar of one address (A4, one page, PDF 1.7 with Helvetica in WinAnsi). */
export function renderSeasonPdf(input: PrintInput): Promise<Buffer> {
  const { i18n } = input;
  const { t } = i18n;
  const doc = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    info: {
      Title: `${t('waste-citizen.pdf.title', { season: input.season.key })}: ${input.addressLabel}`,
      Author: input.municipalityName,
    },
    lang: i18n.lang,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const shown = input.binTypes.filter((b) => input.collections.some((c) => c.binType.key === b.key));
  const marks = binAbbreviations(input.binTypes, i18n.lang);
  const left = page.margin;
  const width = page.width - 2 * page.margin;

  doc.font('Helvetica').fontSize(10).text(input.municipalityName, left, page.margin);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(t('waste-citizen.pdf.title', { season: input.season.key }));
  doc
    .font('Helvetica')
    .fontSize(12)
    .text(`${t('waste-citizen.pdf.address')}: ${input.addressLabel}`);
  const from = formatDay(i18n, input.season.startsOn).replace(/^[^,]*, /, '');
  const to = formatDay(i18n, input.season.endsOn).replace(/^[^,]*, /, '');
  doc.fontSize(10).text(t('waste-citizen.pdf.season', { from, to }));
  doc.moveDown(0.5);
  const legend = shown.map((b) => `${marks.get(b.key)} = ${binName(b, i18n.lang)}`).join('     ');
  doc.font('Helvetica-Bold').text(`${t('waste-citizen.pdf.legend')}: `, { continued: true });
  doc.font('Helvetica').text(legend || '–', { width });

  const top = doc.y + 10;
  const footerHeight = 40;
  const cellWidth = width / columns;
  const cellHeight = (page.height - page.margin - footerHeight - top) / rows;
  const lines = dayLines(i18n, input.collections, marks);
  const most = Math.max(1, ...[...lines.values()].map((l) => l.length));
  const lineHeight = Math.min(15, (cellHeight - 22) / most);

  if (input.collections.length === 0) doc.text(t('waste-citizen.pdf.noDates'), left, top);
  else
    seasonMonths(input.season).forEach((month, i) => {
      const x = left + (i % columns) * cellWidth;
      const y = top + Math.floor(i / columns) * cellHeight;
      doc
        .rect(x + 2, y, cellWidth - 4, cellHeight - 4)
        .lineWidth(0.5)
        .stroke('#000000');
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(formatDay(i18n, `${month}-01`, 'month'), x + 8, y + 5, {
          width: cellWidth - 16,
        });
      doc.font('Helvetica').fontSize(Math.min(11, lineHeight - 2));
      (lines.get(month) ?? []).forEach((line, n) => {
        doc.text(line, x + 8, y + 22 + n * lineHeight, { width: cellWidth - 16, lineBreak: false });
      });
    });

  const footerTop = page.height - page.margin - footerHeight + 6;
  doc.font('Helvetica').fontSize(8.5);
  doc.text(t('waste-citizen.pdf.outBy'), left, footerTop, { width });
  if (input.collections.some((c) => c.shiftedFrom)) doc.text(t('waste-citizen.pdf.shiftedMark'), { width });
  doc.text(t('waste-citizen.pdf.generated', { date: formatDay(i18n, input.today).replace(/^[^,]*, /, '') }), {
    width,
  });
  doc.end();
  return done;
}
