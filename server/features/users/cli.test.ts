import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../commands.js';
import { runCli } from '../../platform/cli/run.js';
import type { CliContext } from '../../platform/cli/types.js';
import { parseArgs } from '../../platform/cli/types.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { login } from '../../test/factories/users.js';
import { userCommands } from './cli.js';
import { findUserByEmail } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.db.query(
    `INSERT INTO departments (municipality_id, slug, name) VALUES ($1, 'umweltbetrieb', 'Umweltbetrieb')`,
    [t.config.municipality.id],
  );
});
afterAll(() => t.close());

function context(lines: string[]): CliContext {
  return { deps: t.deps, queue: t.queue, log: t.app.logger, out: (line) => lines.push(line) };
}

async function run(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  const command = userCommands.find((c) => c.words.every((w, i) => argv[i] === w))!;
  const args = parseArgs(argv.slice(command.words.length));
  await command.run(args, context(lines));
  return lines;
}

describe('user commands', () => {
  it('are registered with the CLI', () => {
    const words = cliCommands.map((c) => c.words.join(' '));
    for (const w of ['user create', 'user disable', 'user enable', 'user reset-password', 'user list']) {
      expect(words).toContain(w);
    }
  });

  it('user create makes the first admin, prints a generated password once, and it signs in', async () => {
    const out = await run([
      'user',
      'create',
      '--email',
      'Erste.Admin@example.org',
      '--name',
      'Erste Admin',
      '--role',
      'admin',
    ]);
    expect(out[0]).toMatch(/^Created admin account #\d+ for erste.admin@example.org\.$/);
    const password = /: (\S+)$/.exec(out[1]!)![1]!;
    const session = await login(t, { email: 'erste.admin@example.org', password });
    const res = await t.app.inject({ url: '/admin', headers: { cookie: session.cookie, accept: 'text/html' } });
    expect(res.headers.location).toBe('/admin/account?required=1');
    const { rows } = await t.db.query<{ actor_label: string; actor_id: number | null }>(
      `SELECT actor_label, actor_id FROM audit_log WHERE action = 'user.create' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ actor_label: 'cli', actor_id: null });
  });

  it('user create with --password and --department binds department staff and prints no password', async () => {
    const out = await run([
      'user',
      'create',
      '--email=fach@example.org',
      '--name',
      'Fach Kraft',
      '--role',
      'department_staff',
      '--department',
      'umweltbetrieb',
      '--password',
      'ein langes Passwort',
    ]);
    expect(out).toHaveLength(1);
    expect(out.join('\n')).not.toContain('ein langes Passwort');
    const session = await login(t, { email: 'fach@example.org', password: 'ein langes Passwort' });
    const res = await t.app.inject({ url: '/admin/account', headers: { cookie: session.cookie, accept: 'text/html' } });
    expect(res.body).toContain('Umweltbetrieb');
  });

  it('explains bad input in English through the CLI runner (exit code 1)', async () => {
    const lines: string[] = [];
    const ctx = context(lines);
    expect(await runCli(cliCommands, ['user', 'create', '--email', 'x', '--name', 'X', '--role', 'king'], ctx)).toBe(1);
    expect(lines[0]).toContain('--role must be one of admin, bsc_agent');
    lines.length = 0;
    expect(
      await runCli(
        cliCommands,
        ['user', 'create', '--email', 'kaputt', '--name', 'X', '--role', 'editor', '--password', 'kurz'],
        ctx,
      ),
    ).toBe(1);
    expect(lines).toContain('  email: Please enter an e-mail address like name@example.org.');
    expect(lines).toContain('  password: The password must be at least 12 characters long.');
    lines.length = 0;
    const common = ['user', 'create', '--email', 'c@example.org', '--name', 'C', '--role', 'editor'];
    expect(await runCli(cliCommands, [...common, '--password', 'password1234'], ctx)).toBe(1);
    expect(lines.join('\n')).toMatch(/ {2}password: This password is too well known/);
    expect(await findUserByEmail(t.deps, t.config.municipality.id, 'c@example.org')).toBeUndefined();
    lines.length = 0;
    expect(
      await runCli(
        cliCommands,
        ['user', 'create', '--email', 'a@b.org', '--name', 'X', '--role', 'department_staff', '--department', 'nope'],
        ctx,
      ),
    ).toBe(1);
    expect(lines[0]).toContain('Unknown department "nope" (known: umweltbetrieb)');
  });

  it('user list, reset-password and disable', async () => {
    await run(['user', 'create', '--email', 'list@example.org', '--name', 'Liste Person', '--role', 'analyst']);
    const list = await run(['user', 'list']);
    expect(list.some((l) => /list@example\.org\s+analyst\s+active\s+Liste Person/.test(l))).toBe(true);
    expect(list.some((l) => /fach@example\.org.*umweltbetrieb/.test(l))).toBe(true);

    const reset = await run(['user', 'reset-password', '--email', 'LIST@example.org']);
    const password = /: (\S+)$/.exec(reset[0]!)![1]!;
    const session = await login(t, { email: 'list@example.org', password });

    expect(await run(['user', 'disable', '--email', 'list@example.org'])).toEqual([
      expect.stringMatching(/^Disabled account #\d+ \(list@example.org\)\.$/),
    ]);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: session.cookie } })).json().code).toBe(
      'session_expired',
    );
    expect((await run(['user', 'list'])).some((l) => /list@example\.org\s+analyst\s+disabled/.test(l))).toBe(true);
    await run(['user', 'enable', '--email', 'list@example.org']);
    await login(t, { email: 'list@example.org', password });

    const lines: string[] = [];
    expect(await runCli(cliCommands, ['user', 'disable', '--email', 'nobody@example.org'], context(lines))).toBe(1);
    expect(lines[0]).toContain('No account with the e-mail address nobody@example.org');
  });
});
