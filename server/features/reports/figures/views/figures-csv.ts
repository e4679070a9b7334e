import type { PageContext } from '../../../../platform/views/context.js';
import type { ReportFigures } from '../service.js';
import { monthLabel } from './figures-page.js';

/**
 * A cell as CSV: always quoted, quotes doubled, and a leading = + - @ defused so a spreadsheet never runs a
 * category name as a formula.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * The figures as one long CSV table (section, key, label, value), in the reader's language. German spreadsheets
 * expect a semicolon between cells, English ones a comma; a byte order mark tells both it is UTF-8.
 */
export function figuresCsv(ctx: PageContext, f: ReportFigures): string {
  const { t } = ctx.i18n;
  const sep = ctx.i18n.lang === 'de' ? ';' : ',';
  const name = (n: { de: string; en: string }) => n[ctx.i18n.lang] || n.de;
  const section = (s: string) => t(`reports-figures.csv.sections.${s}`);
  const rows: (string | number)[][] = [
    ['section', 'key', 'label', 'value'].map((c) => t(`reports-figures.csv.${c}`)),
    ...f.byMonth.map((r) => [section('month'), r.month, monthLabel(ctx, r.month), r.count]),
    ...f.byCategory.map((r) => [section('category'), r.code, name(r.name), r.count]),
    ...f.byDistrict.map((r) => [section('district'), r.key ?? '', r.name ?? t('reports-figures.noDistrict'), r.count]),
    ...f.byStatus.map((r) => [section('status'), r.status, t(`reports-figures.status.${r.status}`), r.count]),
    [section('total'), 'total', t('reports-figures.summary.total'), f.total],
    [section('timeToDone'), 'done', t('reports-figures.summary.done'), f.timeToDone.reports],
    [
      section('timeToDone'),
      'median_working_days',
      t('reports-figures.summary.medianWorking'),
      f.timeToDone.medianWorkingDays ?? '',
    ],
    [
      section('timeToDone'),
      'median_calendar_days',
      t('reports-figures.summary.medianCalendar'),
      f.timeToDone.medianCalendarDays ?? '',
    ],
    ...(['yes', 'no', 'reopened'] as const).map((k) => [
      t('reports-mine.figures.title'),
      `fixed_${k}`,
      t(`reports-mine.figures.${k}`),
      f.fixedAnswers[k],
    ]),
  ];
  // Decimal comma for German spreadsheets; no thousands separators (they would be read as decimals).
  const cell = (v: string | number) => csvCell(typeof v === 'number' && sep === ';' ? String(v).replace('.', ',') : v);
  return `\uFEFF${rows.map((r) => r.map(cell).join(sep)).join('\r\n')}\r\n`;
}
