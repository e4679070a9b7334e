import type { CliCommand } from '../../platform/cli/types.js';
import { flag } from '../../platform/cli/types.js';
import { AppError } from '../../platform/errors.js';
import { i18nFor } from '../../platform/i18n.js';
import { cliActor } from '../audit/service.js';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './keys-service.js';

const en = i18nFor('en', 'UTC');

const create: CliCommand = {
  words: ['open311', 'key', 'create'],
  usage: 'open311 key create --name N',
  description: 'Creates an Open311 API client and prints its key once',
  async run(args, ctx) {
    const name = flag(args, 'name');
    if (!name) throw new AppError('validation_failed', '--name is required');
    const { client, key } = await createOpen311Client(
      ctx.deps,
      { municipalityId: ctx.deps.config.municipality.id, name },
      cliActor,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.details?.name) throw new AppError(err.code, en.t(err.details.name));
      throw err;
    });
    ctx.out(`Created Open311 client #${client.id} "${client.name}".`);
    ctx.out(`API key (shown once, only its hash is stored): ${key}`);
  },
};

const list: CliCommand = {
  words: ['open311', 'key', 'list'],
  usage: 'open311 key list',
  description: 'Lists the Open311 API clients (key prefix, last use, revoked)',
  async run(_args, ctx) {
    const clients = await listOpen311Clients(ctx.deps.db, ctx.deps.config.municipality.id);
    if (clients.length === 0) {
      ctx.out('No Open311 clients yet. Create one with: npm run cli -- open311 key create --name <client>');
      return;
    }
    for (const c of clients) {
      const status = c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active';
      const used = c.lastUsedAt ? c.lastUsedAt.toISOString() : 'never used';
      ctx.out(
        [String(c.id).padStart(5), `${c.keyPrefix}…`.padEnd(16), status.padEnd(32), used.padEnd(26), c.name].join('  '),
      );
    }
  },
};

const revoke: CliCommand = {
  words: ['open311', 'key', 'revoke'],
  usage: 'open311 key revoke <id>',
  description: 'Revokes an Open311 API key at once',
  async run(args, ctx) {
    const raw = args.positional[0] ?? flag(args, 'id');
    const id = Number(raw);
    if (!raw || !Number.isSafeInteger(id) || id < 1) {
      throw new AppError('validation_failed', 'Give the client id: open311 key revoke <id> (see open311 key list)');
    }
    const client = await revokeOpen311Client(ctx.deps, ctx.deps.config.municipality.id, id, cliActor);
    ctx.out(`Revoked the key of Open311 client #${client.id} "${client.name}".`);
  },
};

export const open311Commands: CliCommand[] = [create, list, revoke];
