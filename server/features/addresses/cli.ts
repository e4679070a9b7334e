import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliCommand } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import { cliActor } from '../audit/service.js';
import { importAddresses, importDistricts } from './import-service.js';

async function readInput(path: string | undefined, what: string): Promise<Buffer> {
  if (!path) throw new AppError('validation_failed', `Which file? Give the path of the ${what}.`);
  try {
    return await readFile(resolve(path));
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** `import addresses <file.csv>` and `import districts <file.geojson>`. */
export const addressCommands: CliCommand[] = [
  {
    words: ['import', 'districts'],
    usage: 'import districts <file.geojson>',
    description: 'Import or update districts (GeoJSON FeatureCollection with key/name properties)',
    async run(args, ctx) {
      const file = await readInput(args.positional[0], 'GeoJSON file');
      const municipalityId = ctx.deps.config.municipality.id;
      const r = await importDistricts(ctx.deps, file, { municipalityId, actor: cliActor });
      ctx.out(`Districts: ${r.total} in file, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged.`);
    },
  },
  {
    words: ['import', 'addresses'],
    usage: 'import addresses <file.csv>',
    description:
      'Import or update addresses (street;house_number;house_number_suffix;postcode;district;lat;lon), all or nothing',
    async run(args, ctx) {
      const file = await readInput(args.positional[0], 'CSV file');
      const municipalityId = ctx.deps.config.municipality.id;
      const started = performance.now();
      const r = await importAddresses(ctx.deps, file, { municipalityId, source: 'import', actor: cliActor });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      ctx.out(
        `Addresses: ${r.total} in file, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged ` +
          `(${r.districtsFromCoordinates} districts found from coordinates) in ${seconds} s.`,
      );
    },
  },
];
