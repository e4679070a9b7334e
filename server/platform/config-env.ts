import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** The environment as loadConfig reads it (process.env or a test's own). */
export type Env = Record<string, string | undefined>;

/** Reads a JSON file; a missing or broken file becomes a problem, not an exception. */
export function readJson(path: string, problems: string[], what: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    problems.push(`${what} ${path}: ${(err as Error).message}`);
    return undefined;
  }
}

/** A number from the environment (the schema checks range and integrality); undefined when unset. */
export function int(env: Env, key: string, problems: string[]): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) problems.push(`${key}: "${raw}" is not a number`);
  return n;
}

/** A boolean from the environment (true/false, 1/0, yes/no, on/off); undefined when unset. */
export function bool(env: Env, key: string, problems: string[]): boolean | undefined {
  const raw = env[key]?.toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${key}: "${env[key]}" is not a boolean (true/false)`);
  return undefined;
}

/** A comma-separated list, trimmed, without empty entries; undefined when unset. */
export function list(env: Env, key: string): string[] | undefined {
  const raw = env[key];
  if (!raw) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY besides addresses and CIDR networks. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** True for an IPv4/IPv6 address, a CIDR network (10.0.0.0/8, fd00::/8) or a proxy-addr range name. */
export function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (default; X-Forwarded-For is ignored), a hop count (`1` = one reverse proxy in front), or a
 * comma-separated list of the proxies' addresses or networks. `true` (trust every hop) lets any client choose its
 * own address for the per-IP limits; it is refused in production and warned about elsewhere.
 */
export function trustProxy(env: Env, production: boolean, problems: string[]): boolean | number | string[] | undefined {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const lower = raw.toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) {
    if (production) {
      problems.push(
        'TRUST_PROXY: "true" trusts every X-Forwarded-For hop, so clients choose their own address and escape the ' +
          'per-IP limits; set the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8,127.0.0.1)',
      );
    }
    return true;
  }
  const entries = list(env, 'TRUST_PROXY') ?? [];
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0 || entries.length === 0) {
    problems.push(
      `TRUST_PROXY: "${bad.join(', ') || raw}" is neither a hop count nor a list of IP addresses or CIDR networks`,
    );
    return undefined;
  }
  return entries;
}

/** Development keeps a generated session secret in the data directory so logins survive restarts. */
export function devSecret(dataDir: string): string {
  const file = join(dataDir, '.session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Merges plain objects key by key; `over` wins, undefined values in it are skipped. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (v === undefined) continue;
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
