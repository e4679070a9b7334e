import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type CliArgs, type CliCommand, flag } from '../../../platform/cli/types.js';
import { AppError } from '../../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';
import { cliActor } from '../../audit/service.js';
import { applyImport, invalidPlanError } from './apply.js';
import { type BinTypesFile, parseBinTypes, saveBinTypes } from './bin-types.js';
import { problemPlace, problemText } from './messages.js';
import { type ImportPlan, type ImportSource, planImport } from './plan.js';
import { changeRows } from './summary.js';

/** How many date changes the CLI lists before it only counts. */
const maxListed = 200;

async function readFileOrFail(path: string): Promise<Buffer> {
  try {
    return await readFile(resolve(path));
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function readSource(args: CliArgs): Promise<ImportSource> {
  const path = args.positional[0];
  if (!path) throw new AppError('validation_failed', 'Which file? Give the path of the CSV or iCalendar file.');
  const content = await readFileOrFail(path);
  const format = flag(args, 'format') ?? (/\.(ics|ical|ifb)$/i.test(path) ? 'ical' : 'csv');
  if (format !== 'csv' && format !== 'ical') {
    throw new AppError('validation_failed', '--format is csv or ical', { format: `"${format}" is neither` });
  }
  const ical: NonNullable<ImportSource['ical']> = {};
  for (const [name, key] of [
    ['route', 'route'],
    ['bin', 'binType'],
    ['season', 'season'],
    ['address', 'address'],
  ] as const) {
    const v = flag(args, name);
    if (v) ical[key] = v;
  }
  return { format, fileName: basename(path), content, ...(format === 'ical' ? { ical } : {}) };
}

/** The plan's summary as lines in a language: totals, then the date changes (capped). */
export function summaryText(plan: ImportPlan, lang: Language, timeZone: string): string[] {
  const { t } = i18nFor(lang, timeZone);
  const x = plan.totals;
  const lines = [
    t('waste-admin.cli.summary', { file: plan.source.fileName, ...x }),
    t('waste-admin.cli.dates', { ...x }),
    t('waste-admin.cli.assignments', { ...x }),
  ];
  const { rows, total } = changeRows(plan, maxListed);
  for (const r of rows) {
    const kind = t(`waste-admin.import.change${r.kind[0]?.toUpperCase()}${r.kind.slice(1)}`);
    lines.push(
      `  ${r.route}  ${kind}  ${r.to ? t('waste-admin.import.movedFrom', { from: r.date, to: r.to }) : r.date}`,
    );
  }
  if (total > rows.length) lines.push(`  ${t('waste-admin.import.changesMore', { count: total - rows.length })}`);
  return lines;
}

/** `waste:import <file> [--dry-run] [--format csv|ical] [--route --bin --season | --address] [--lang de|en]` */
export const wasteImportCommands: CliCommand[] = [
  {
    words: ['waste:import'],
    usage:
      'waste:import <file> [--dry-run] [--format csv|ical] [--route <key> --bin <key> --season <key>] [--address "<street no>"]',
    description:
      'Import waste collection dates or address → route assignments (docs/waste-import.md); prints what changes',
    async run(args, ctx) {
      const m = ctx.deps.config.municipality;
      const wanted = flag(args, 'lang');
      const lang = supportedLanguages.find((l) => l === wanted) ?? (m.defaultLanguage as Language);
      const source = await readSource(args);
      const plan = await planImport(ctx.deps.db, m.id, source, m.timeZone);
      const { t } = i18nFor(lang, m.timeZone);
      if (plan.problems.length > 0) {
        ctx.out(t('waste-admin.cli.invalid', { count: plan.problems.length }));
        for (const p of plan.problems.slice(0, maxListed)) ctx.out(`  ${problemPlace(t, p)}: ${problemText(t, p)}`);
        throw new AppError('validation_failed', invalidPlanError(plan).message);
      }
      if (args.flags['dry-run']) {
        for (const line of summaryText(plan, lang, m.timeZone)) ctx.out(line);
        ctx.out(t('waste-admin.cli.dryRun'));
        return;
      }
      const applied = await applyImport(ctx.deps, plan, cliActor);
      for (const line of summaryText(applied, lang, m.timeZone)) ctx.out(line);
      ctx.out(t('waste-admin.cli.applied'));
    },
  },
  {
    words: ['waste:bin-types'],
    usage: 'waste:bin-types <file.json> | --standard',
    description:
      'Create or update the bin types (JSON: [{key, kind, name: {de, en}, colour, sort}]; --standard: the usual set)',
    async run(args, ctx) {
      const path = args.positional[0];
      let types: BinTypesFile | 'standard' = 'standard';
      if (!args.flags.standard) {
        if (!path) throw new AppError('validation_failed', 'Give a JSON file of bin types, or --standard');
        types = parseBinTypes((await readFileOrFail(path)).toString('utf8'));
      }
      const n = await saveBinTypes(ctx.deps, types, cliActor);
      ctx.out(`Bin types: ${n} saved.`);
    },
  },
];
