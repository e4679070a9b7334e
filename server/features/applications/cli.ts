import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import { importDefinitions, listCatalogue } from './core/catalogue.js';

// The online services catalogue from the command line: a municipality's JSON file (docs/online-services.md) replaces
// the catalogue all at once; the export prints the current one in the same format, so it can be edited and re-imported.

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('validation_failed', `${path} is not JSON: ${(err as Error).message}`);
  }
}

/** `applications:import <file.json>` and `applications:export` */
export const applicationsCommands: CliCommand[] = [
  {
    words: ['applications:import'],
    usage: 'applications:import <file.json>',
    description:
      'Replace the online services with the definitions in the file, docs/online-services.md; all or nothing',
    async run(args, ctx) {
      const path = args.positional[0];
      if (!path) throw new AppError('validation_failed', 'Which file? Give the path of the JSON file.');
      const input = await readJson(path);
      let count: number;
      try {
        count = await importDefinitions(ctx.deps, ctx.deps.config.municipality.id, input);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
        // importDefinitions names each broken entry, one problem a line.
        for (const line of err.message.split('\n')) ctx.out(`  ${line}`);
        throw new AppError('validation_failed', 'The file has problems; nothing was changed');
      }
      ctx.out(`Imported ${count} online service definition${count === 1 ? '' : 's'}.`);
    },
  },
  {
    words: ['applications:export'],
    usage: 'applications:export',
    description: 'Print the online services as JSON, the format applications:import reads',
    async run(_args, ctx) {
      const entries = await listCatalogue(ctx.deps, ctx.deps.config.municipality.id);
      ctx.out(
        JSON.stringify(
          entries.map((e) => e.definition),
          null,
          2,
        ),
      );
    },
  },
];
