import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type CliCommand, flag } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import { i18nFor, type Language, supportedLanguages } from '../../platform/i18n.js';
import { cliActor } from '../audit/service.js';
import { applyServicesImport, type ImportFormat, planServicesImport, problemText } from './import.js';

/** `services:import <file> [--format csv|json] [--dry-run] [--lang de|en]` */
export const servicesCommands: CliCommand[] = [
  {
    words: ['services:import'],
    usage: 'services:import <file.csv|file.json> [--format csv|json] [--dry-run] [--lang de|en]',
    description: 'Import services (CSV) or offices and services (JSON), docs/services-import.md; all or nothing',
    async run(args, ctx) {
      const m = ctx.deps.config.municipality;
      const wanted = flag(args, 'lang');
      const lang = supportedLanguages.find((l) => l === wanted) ?? (m.defaultLanguage as Language);
      const { t } = i18nFor(lang, m.timeZone);
      const path = args.positional[0];
      if (!path) throw new AppError('validation_failed', 'Which file? Give the path of the CSV or JSON file.');
      const format = flag(args, 'format') ?? (/\.json$/i.test(path) ? 'json' : 'csv');
      if (format !== 'csv' && format !== 'json') {
        throw new AppError('validation_failed', '--format is csv or json', { format: `"${format}" is neither` });
      }
      let content: Buffer;
      try {
        content = await readFile(resolve(path));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new AppError('validation_failed', `Cannot read ${path}: ${code}`);
      }
      const plan = await planServicesImport(ctx.deps, m.id, { format: format as ImportFormat, content });
      if (plan.problems.length > 0) {
        ctx.out(t('services.import.cliInvalid', { count: plan.problems.length }));
        for (const p of plan.problems.slice(0, 200)) ctx.out(`  ${problemText(t, p)}`);
        throw new AppError('validation_failed', 'The file has problems; nothing was changed');
      }
      const counts = { offices: plan.offices.length, services: plan.services.length };
      if (args.flags['dry-run']) {
        ctx.out(t('services.import.cliDryRun', counts));
        return;
      }
      const applied = await applyServicesImport(ctx.deps, m.id, plan, cliActor, basename(path));
      ctx.out(t('services.import.applied', applied));
    },
  },
];
