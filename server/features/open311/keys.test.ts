import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../commands.js';
import { runCli } from '../../platform/cli/run.js';
import type { CliContext } from '../../platform/cli/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { points, seedTestAddresses } from '../../test/factories/addresses.js';
import { createStaff, getPage, login, postForm } from '../../test/factories/users.js';
import { seedOpen311Categories } from './test-data.js';
import { errors, json, post } from './test-helpers.js';

let t: TestApp;
let admin: { cookie: string; csrf: string };
beforeAll(async () => {
  t = await buildTestApp();
  await seedTestAddresses(t.deps);
  await seedOpen311Categories(t.deps);
  admin = await login(t, await createStaff(t, { role: 'admin', displayName: 'Ada Admin' }));
});
afterAll(() => t?.close());

/** Files a report with the key; returns the HTTP status. */
async function useKey(key: string): Promise<number> {
  const res = await post(t, '/open311/v2/requests.json', {
    api_key: key,
    service_code: 'beleuchtung',
    lat: String(points.mitte.lat),
    long: String(points.mitte.lon),
    description: 'Laterne flackert',
  });
  return res.statusCode;
}

async function auditOf(action: string) {
  const { rows } = await t.db.query<{ actor_label: string; entity_id: string; before: unknown; after: unknown }>(
    'SELECT actor_label, entity_id, before, after FROM audit_log WHERE municipality_id = $1 AND action = $2 ORDER BY id',
    [t.config.municipality.id, action],
  );
  return rows;
}

describe('/admin/open311', () => {
  it('is for admins only and in their navigation', async () => {
    const anonymous = await t.app.inject({ url: '/admin/open311', headers: { accept: 'application/json' } });
    expect(anonymous.statusCode).toBe(401);
    const agent = await login(t, await createStaff(t, { role: 'bsc_agent' }));
    expect((await getPage(t, agent, '/admin/open311')).statusCode).toBe(403);
    expect((await getPage(t, agent, '/admin')).body).not.toContain('href="/admin/open311"');
    expect((await postForm(t, agent, '/admin/open311', { name: 'Heimlich' })).statusCode).toBe(403);
    const page = await getPage(t, admin, '/admin/open311');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/open311" aria-current="page"');
    expect(page.body).toContain('Es wurde noch kein API-Schlüssel angelegt.');
    expect(page.body).toContain(`${t.config.publicUrl}/open311/v2/`);
  });

  it('creates a key, shows it once, lists its prefix, audits without the key; the key files reports', async () => {
    const res = await postForm(t, admin, '/admin/open311', { name: '  Stadtwerke   App ' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const key = /id="api-key">(o311_[A-Za-z0-9_-]{32})</.exec(res.body)?.[1];
    expect(key).toBeDefined();
    expect(res.body).toContain('Der Schlüssel für Stadtwerke App wurde angelegt.');

    const list = await getPage(t, admin, '/admin/open311');
    expect(list.body).toContain('Stadtwerke App');
    expect(list.body).toContain(`${key!.slice(0, 12)}…`);
    expect(list.body).not.toContain(key!);
    expect(list.body).toContain('von Ada Admin');
    expect(list.body).toMatch(/Zuletzt benutzt[\s\S]*nie/);

    const [entry] = await auditOf('open311_client.create');
    expect(entry?.actor_label).toContain('Ada Admin');
    expect(entry?.after).toMatchObject({ name: 'Stadtwerke App', keyPrefix: key!.slice(0, 12) });
    expect(JSON.stringify(entry)).not.toContain(key!.slice(12));
    const { rows } = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM open311_clients WHERE name = $1', [
      'Stadtwerke App',
    ]);
    expect(rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.key_hash).not.toContain(key!.slice(5));

    expect(await useKey(key!)).toBe(200);
    expect((await getPage(t, admin, '/admin/open311')).body).not.toMatch(/Stadtwerke App[\s\S]{0,400}>nie</);
  });

  it('re-renders the form with the message beside the field for a missing or long name', async () => {
    const empty = await postForm(t, admin, '/admin/open311', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Bitte geben Sie einen Namen an.');
    expect(empty.body).toContain('aria-invalid="true"');
    const long = await postForm(t, admin, '/admin/open311', { name: 'x'.repeat(121) });
    expect(long.body).toContain('Der Name darf höchstens 120 Zeichen lang sein.');
    expect((await postForm(t, admin, '/admin/open311', { name: 'Ohne Token', _csrf: '' })).statusCode).toBe(403);
  });

  it('revokes a key at once (audited); the key is refused afterwards', async () => {
    const created = await postForm(t, admin, '/admin/open311', { name: 'Partner B' });
    const key = /id="api-key">([^<]+)</.exec(created.body)![1]!;
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM open311_clients WHERE name = $1', ['Partner B']);
    const id = rows[0]!.id;
    const res = await postForm(t, admin, `/admin/open311/${id}/revoke`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/open311?done=revoked');
    const page = await getPage(t, admin, '/admin/open311?done=revoked');
    expect(page.body).toContain('Der Schlüssel wurde widerrufen.');
    expect(page.body).toMatch(/Partner B[\s\S]*Widerrufen am/);
    expect(page.body).not.toContain(`action="/admin/open311/${id}/revoke"`);
    expect(await useKey(key)).toBe(403);
    const audit = await auditOf('open311_client.revoke');
    expect(audit.at(-1)).toMatchObject({ entity_id: String(id), after: { revoked: true } });
    expect((await postForm(t, admin, '/admin/open311/999999/revoke')).statusCode).toBe(404);
  });

  it('speaks English', async () => {
    const page = await getPage(t, admin, '/admin/open311?lang=en');
    expect(page.body).toContain('Open311 interface');
    expect(page.body).toContain('Create a new API key');
  });
});

describe('CLI: open311 key', () => {
  function context(lines: string[]): CliContext {
    return { deps: t.deps, queue: t.queue, log: t.app.logger, out: (line) => lines.push(line) };
  }
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const code = await runCli(cliCommands, argv, context(lines));
    return { code, lines };
  };

  it('create prints the key once, list shows it, revoke <id> stops it', async () => {
    const created = await run(['open311', 'key', 'create', '--name', 'FixMyStreet']);
    expect(created.code).toBe(0);
    expect(created.lines[0]).toMatch(/^Created Open311 client #\d+ "FixMyStreet"\.$/);
    const key = /: (o311_\S+)$/.exec(created.lines[1]!)![1]!;
    const id = /#(\d+)/.exec(created.lines[0]!)![1]!;
    expect(await useKey(key)).toBe(200);

    const listed = await run(['open311', 'key', 'list']);
    const line = listed.lines.find((l) => l.includes('FixMyStreet'));
    expect(line).toMatch(new RegExp(`^\\s*${id}\\s+${key.slice(0, 12)}…\\s+active\\s+\\d{4}-`));
    expect(listed.lines.join('\n')).not.toContain(key);

    expect((await run(['open311', 'key', 'revoke', id])).lines).toEqual([
      `Revoked the key of Open311 client #${id} "FixMyStreet".`,
    ]);
    expect(await useKey(key)).toBe(403);
    expect((await run(['open311', 'key', 'list'])).lines.find((l) => l.includes('FixMyStreet'))).toMatch(/revoked 20/);
    const [audit] = (await auditOf('open311_client.create')).filter((a) => a.actor_label === 'cli');
    expect(audit).toBeDefined();
  });

  it('explains bad input with exit code 1', async () => {
    expect(await run(['open311', 'key', 'create'])).toEqual({ code: 1, lines: ['Error: --name is required'] });
    expect(await run(['open311', 'key', 'create', '--name', 'y'.repeat(121)])).toEqual({
      code: 1,
      lines: ['Error: The name must be at most 120 characters long.'],
    });
    expect((await run(['open311', 'key', 'revoke'])).lines[0]).toContain('Give the client id');
    expect(await run(['open311', 'key', 'revoke', '999999'])).toEqual({
      code: 1,
      lines: ['Error: API client not found'],
    });
  });

  it('are listed in the CLI help', async () => {
    const help = await run(['--help']);
    for (const usage of ['open311 key create --name N', 'open311 key list', 'open311 key revoke <id>']) {
      expect(help.lines.some((l) => l.includes(usage))).toBe(true);
    }
  });
});

describe('keys and the API', () => {
  it('a key from another municipality is refused', async () => {
    const other = await buildTestApp({ db: t.db });
    try {
      const lines: string[] = [];
      await runCli(cliCommands, ['open311', 'key', 'create', '--name', 'Fremd'], {
        deps: other.deps,
        queue: other.queue,
        log: other.app.logger,
        out: (l) => lines.push(l),
      });
      const key = /: (o311_\S+)$/.exec(lines[1]!)![1]!;
      expect(await useKey(key)).toBe(403);
      const res = await post(t, '/open311/v2/requests.json', { api_key: key });
      expect(errors(res, 403)[0]).toContain('ungültig');
      json(await other.app.inject('/open311/v2/services.json'), 200);
    } finally {
      await other.close();
    }
  });
});
