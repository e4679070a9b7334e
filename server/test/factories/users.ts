import { randomBytes } from 'node:crypto';
import { cliActor } from '../../features/audit/service.js';
import { createUser } from '../../features/users/service.js';
import type { StaffRole } from '../../platform/auth/types.js';
import type { TestApp } from '../app.js';

export interface TestStaff {
  id: number;
  email: string;
  password: string;
}

/** A staff account in the test app's municipality, with a random address and (unless given) password. */
export async function createStaff(
  t: TestApp,
  opts: { role: StaffRole; departmentIds?: number[]; email?: string; password?: string; displayName?: string },
): Promise<TestStaff> {
  const email =
    opts.email ??
    `${opts.role.replace('_', '-')}-${randomBytes(5).toString('hex')}@${t.config.municipality.id}.example`;
  const { id, password } = await createUser(
    t.deps,
    {
      municipalityId: t.config.municipality.id,
      email,
      displayName: opts.displayName ?? `Test ${opts.role}`,
      role: opts.role,
      departmentIds: opts.departmentIds ?? [],
      ...(opts.password ? { password: opts.password } : {}),
    },
    cliActor,
  );
  return { id, email: email.toLowerCase(), password };
}

/** Cookie header value (session + CSRF cookies) from a Set-Cookie list, merged over an earlier one. */
export function mergeCookies(previous: string, setCookies: { name: string; value: string }[]): string {
  const jar = new Map(
    previous
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const),
  );
  for (const c of setCookies) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A fresh login form: its CSRF cookie and token. */
export async function loginForm(t: TestApp): Promise<{ cookie: string; csrf: string }> {
  const res = await t.app.inject({ url: '/admin/login', headers: { accept: 'text/html' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error(`login page without CSRF token (status ${res.statusCode})`);
  return { cookie: mergeCookies('', res.cookies), csrf };
}

/**
 * Signs in through the real login form. Returns a Cookie header value with the session and CSRF cookies and a
 * valid `_csrf` form token. Each call comes from its own address, so the per-IP login limit never interferes.
 */
export async function login(
  t: TestApp,
  user: { email: string; password: string },
): Promise<{ cookie: string; csrf: string }> {
  const form = await loginForm(t);
  const res = await t.app.inject({
    method: 'POST',
    url: '/admin/login',
    remoteAddress: `10.${randomBytes(3).join('.')}`,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: form.csrf, email: user.email, password: user.password }).toString(),
  });
  if (res.statusCode !== 303 || !res.cookies.some((c) => c.name === 'bs_session')) {
    throw new Error(`login failed for ${user.email}: status ${res.statusCode}`);
  }
  return { cookie: mergeCookies(form.cookie, res.cookies), csrf: form.csrf };
}

export type FormFields = Record<string, string | string[] | undefined>;

/** POSTs an urlencoded form as a browser would (session cookie, CSRF token unless `_csrf` is given). */
export function postForm(
  t: TestApp,
  session: { cookie: string; csrf: string },
  url: string,
  fields: FormFields = {},
  options: { remoteAddress?: string } = {},
) {
  const body = new URLSearchParams();
  if (!('_csrf' in fields)) body.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return t.app.inject({
    method: 'POST',
    url,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: body.toString(),
  });
}

/** One login attempt from a fresh login form and a random client address (so per-IP limits stay out of the way). */
export async function attemptLogin(t: TestApp, email: string, password: string, fields: FormFields = {}) {
  const form = await loginForm(t);
  const remoteAddress = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return postForm(t, form, '/admin/login', { email, password, ...fields }, { remoteAddress });
}

/** GETs a page as a signed-in browser. */
export function getPage(t: TestApp, session: { cookie: string } | undefined, url: string) {
  return t.app.inject({ url, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}) } });
}
