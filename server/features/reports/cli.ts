import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import { cliActor } from '../audit/service.js';
import { importReportCategories } from './core/categories-import.js';

/** `import report-categories <file.json>`: the category tree with questions, upserted by code. */
export const reportCoreCommands: CliCommand[] = [
  {
    words: ['import', 'report-categories'],
    usage: 'import report-categories <file.json>',
    description:
      'Import or update Mängelmelder categories ({"categories": [{code, name{de,en}, questions, children, …}]}), ' +
      'all or nothing; example: server/features/reports/data/bielefeld-categories.json',
    async run(args, ctx) {
      const path = args.positional[0];
      if (!path) throw new AppError('validation_failed', 'Which file? Give the path of the category JSON file.');
      let content: Buffer;
      try {
        content = await readFile(resolve(path));
      } catch (err) {
        throw new AppError(
          'validation_failed',
          `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
      const municipalityId = ctx.deps.config.municipality.id;
      const r = await importReportCategories(ctx.deps, content, { municipalityId, actor: cliActor });
      ctx.out(
        `Report categories: ${r.total} in file, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged.`,
      );
    },
  },
];
