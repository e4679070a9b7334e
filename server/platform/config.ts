import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import '../../shared/formats.js';
import { citizenLoginFromEnv, citizenLoginSchema } from './config-citizen-login.js';
import { bool, deepMerge, devSecret, type Env, int, list, readJson, trustProxy } from './config-env.js';
import { fitConnectConfigSchema, fitConnectFromEnv } from './config-fit-connect.js';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..').replace(/\/dist$/, '');

export { type Municipality, municipalitySchema } from './config-municipality.js';

import { municipalitySchema } from './config-municipality.js';
import { parseSchoolHolidays } from './school-holidays-ics.js';

const roleSchema = T.Union([T.Literal('web'), T.Literal('worker'), T.Literal('scheduler')]);
export type ProcessRole = Static<typeof roleSchema>;

export const configSchema = T.Object(
  {
    env: T.Union([T.Literal('development'), T.Literal('production'), T.Literal('test')]),
    port: T.Integer({ minimum: 0, maximum: 65535 }),
    host: T.String({ minLength: 1 }),
    publicUrl: T.String({ format: 'uri' }),
    dataDir: T.String({ minLength: 1 }),
    databaseUrl: T.Optional(T.String({ pattern: '^postgres(ql)?://' })),
    databasePoolSize: T.Integer({ minimum: 1, maximum: 200 }),
    database: T.Object({
      connectTimeoutMs: T.Integer({ minimum: 100, maximum: 600_000, description: 'to open one connection' }),
      statementTimeoutMs: T.Integer({
        minimum: 100,
        maximum: 24 * 3_600_000,
        description: 'longest statement (server side) and wait for any answer (client side); migrations have none',
      }),
      startTimeoutSeconds: T.Integer({
        minimum: 0,
        maximum: 3600,
        description: 'at start, an unreachable database is retried with backoff this long, then the start fails',
      }),
      pgliteSharedBuffersMb: T.Integer({
        minimum: 1,
        maximum: 4096,
        description:
          "embedded PGlite's shared_buffers (PostgreSQL's default of 128 MB is most of an idle server's memory)",
      }),
    }),
    readyTimeoutMs: T.Integer({ minimum: 100, maximum: 60_000, description: '/ready answers 503 after this' }),
    roles: T.Array(roleSchema, { minItems: 1, uniqueItems: true }),
    demoData: T.Boolean(),
    logLevel: T.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => T.Literal(l))),
    logRequests: T.Boolean({ description: 'one log line per request (off: errors and rejections only)' }),
    trustProxy: T.Union(
      [
        T.Boolean(),
        T.Integer({ minimum: 0, maximum: 20 }),
        T.Array(T.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
      ],
      { description: 'false, the number of proxies in front, or their addresses/CIDR networks' },
    ),
    http: T.Object({
      requestTimeoutSeconds: T.Integer({ minimum: 1, maximum: 3600, description: 'whole request incl. body' }),
      headersTimeoutSeconds: T.Integer({ minimum: 1, maximum: 3600 }),
      keepAliveTimeoutSeconds: T.Integer({ minimum: 1, maximum: 3600 }),
      maxConnections: T.Integer({ minimum: 1, maximum: 1_000_000 }),
      maxRequestsPerSocket: T.Integer({ minimum: 0, maximum: 1_000_000, description: '0 = unlimited' }),
    }),
    sessionSecret: T.String({ minLength: 32 }),
    sessionMaxAgeHours: T.Integer({ minimum: 1, maximum: 24 * 30 }),
    sessionIdleMinutes: T.Integer({ minimum: 5, maximum: 24 * 60 }),
    bodyLimitBytes: T.Integer({ minimum: 1024 }),
    rateLimit: T.Object({
      loginPerMinute: T.Integer({ minimum: 1 }),
      publicWritesPerMinute: T.Integer({ minimum: 1 }),
      apiPerMinute: T.Integer({ minimum: 1 }),
    }),
    jobs: T.Object({
      pollSeconds: T.Number({ minimum: 0.5, maximum: 60 }),
      concurrency: T.Integer({ minimum: 1, maximum: 64 }),
      maintenanceSeconds: T.Integer({
        minimum: 1,
        maximum: 3600,
        description: 'how often a worker looks for running jobs past their timeout (lost with their process)',
      }),
      catchUpMinutes: T.Integer({
        minimum: 0,
        maximum: 7 * 24 * 60,
        description: 'scheduled slots missed during downtime are run late if at most this old',
      }),
    }),
    shutdownTimeoutSeconds: T.Integer({ minimum: 1, maximum: 600 }),
    metricsToken: T.Optional(T.String({ minLength: 16 })),
    mail: T.Object({
      smtpUrl: T.Optional(
        T.String({ pattern: '^smtps?://', description: 'unset = mails are written to DATA_DIR/mail as .eml files' }),
      ),
      from: T.String({ minLength: 3 }),
      transport: T.Union([T.Literal('smtp'), T.Literal('file')], {
        description: 'file: mails are written to DATA_DIR/mail as .eml files (refused in production unless chosen)',
      }),
      fileRetentionDays: T.Integer({ minimum: 1, maximum: 365, description: '.eml files are deleted after this' }),
      maxPerRecipientPerDay: T.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'mails to one citizen address per local day; more are dropped (staff digests are exempt)',
      }),
    }),
    reports: T.Object({
      photoMaxBytes: T.Integer({ minimum: 100_000, maximum: 50_000_000 }),
      photoMaxPixels: T.Integer({ minimum: 1_000_000, maximum: 200_000_000, description: 'decompression-bomb guard' }),
      retentionMaxDays: T.Integer({
        minimum: 30,
        maximum: 3650,
        description: 'personal data are deleted at the latest this long after a report was made, closed or not',
      }),
      altchaHmacKey: T.String({ minLength: 32 }),
      altchaMaxNumber: T.Integer({ minimum: 1000, maximum: 10_000_000, description: 'proof-of-work difficulty' }),
      autoForward: T.Boolean({ description: 'apply routing rules marked automatic on arrival' }),
    }),
    push: T.Object({
      vapidSubject: T.String({
        pattern: '^(mailto:|https:)',
        description: 'VAPID "sub": how a push service reaches the operator (mailto: or https:)',
      }),
      allowPrivateEndpoints: T.Boolean({
        description: 'accept http and loopback/private push endpoints (tests, bench); refused in production',
      }),
      concurrency: T.Integer({ minimum: 1, maximum: 1000, description: 'messages in flight per process' }),
      encryptThreads: T.Integer({
        minimum: 0,
        maximum: 16,
        description:
          'worker threads that encrypt messages (0: on the main thread; default 1 when there is a second core)',
      }),
      batchSize: T.Integer({
        minimum: 1,
        maximum: 5000,
        description: 'messages claimed at once and outcomes written at once (a hard crash gives up about twice this)',
      }),
      originRatePerSecond: T.Integer({ minimum: 1, maximum: 1_000_000, description: 'per push-service origin' }),
      maxAttempts: T.Integer({ minimum: 1, maximum: 50 }),
      leaseSeconds: T.Integer({
        minimum: 30,
        maximum: 3600,
        description: 'a claimed message not marked after this is interrupted (its sender died) and never resent',
      }),
      requestTimeoutSeconds: T.Integer({ minimum: 1, maximum: 300 }),
    }),
    news: T.Object({
      images: T.Union([T.Literal('drop'), T.Literal('download')], {
        description: 'remote images in news feeds: dropped, or downloaded, re-encoded and served from our origin',
      }),
      allowPrivateImageHosts: T.Boolean({
        description:
          'download feed images from loopback and private addresses too (tests only; feed HTML names any URL, so by default only public hosts are asked)',
      }),
    }),
    parking: T.Object({
      feeds: T.Array(
        T.Object({
          format: T.Union([
            T.Literal('city-csv'),
            T.Literal('city-geojson'),
            T.Literal('parkapi'),
            T.Literal('datex2'),
          ]),
          url: T.String({ format: 'uri', pattern: '^https?://' }),
        }),
        { maxItems: 20, description: 'live occupancy sources, each polled with its own backoff' },
      ),
      historyDays: T.Integer({ minimum: 7, maximum: 3660, description: '5-minute history kept this long' }),
      feedTimeoutMs: T.Integer({ minimum: 100, maximum: 60_000, description: 'one feed request' }),
    }),
    applications: T.Object({
      retentionDays: T.Integer({
        minimum: 30,
        maximum: 3660,
        description: 'days after its last change that a decided (or delivered) application is deleted',
      }),
    }),
    mapTiles: T.Object({
      cacheMb: T.Integer({
        minimum: 1,
        maximum: 100_000,
        description: 'disk cache of upstream tiles (DATA_DIR/tiles)',
      }),
      maxAgeHours: T.Integer({
        minimum: 1,
        maximum: 24 * 365,
        description: 'a cached tile is fetched again after this',
      }),
      timeoutMs: T.Integer({ minimum: 100, maximum: 60_000, description: 'one upstream request' }),
      retrySeconds: T.Integer({
        minimum: 0,
        maximum: 3600,
        description: 'after an upstream failure, tiles not in the cache are refused this long without asking again',
      }),
    }),
    citizenLogin: citizenLoginSchema,
    /** Unset: services that deliver through FIT-Connect are not offered online (the paper way remains). */
    fitConnect: T.Optional(fitConnectConfigSchema),
    municipality: municipalitySchema,
  },
  { additionalProperties: false },
);
export type Config = Static<typeof configSchema>;

/** Rules between settings; the mail transport defaults to SMTP when SMTP_URL is set, else to files. */
function crossChecks(merged: Record<string, unknown>, production: boolean): string[] {
  const problems: string[] = [];
  const mail = merged.mail as Record<string, unknown>;
  if (mail.transport === undefined) {
    if (mail.smtpUrl) mail.transport = 'smtp';
    else if (production) {
      problems.push(
        'SMTP_URL: required in production (mails carry personal data); to write them to DATA_DIR/mail as .eml ' +
          'files instead, set MAIL_TRANSPORT=file deliberately',
      );
    } else mail.transport = 'file';
  } else if (mail.transport === 'smtp' && !mail.smtpUrl) {
    problems.push('SMTP_URL: required with MAIL_TRANSPORT=smtp');
  }
  if (production && (merged.push as { allowPrivateEndpoints?: boolean }).allowPrivateEndpoints) {
    problems.push('PUSH_ALLOW_PRIVATE_ENDPOINTS: refused in production (push endpoints must be public https URLs)');
  }
  const http = merged.http as { headersTimeoutSeconds: number; requestTimeoutSeconds: number };
  if (http.headersTimeoutSeconds > http.requestTimeoutSeconds) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  return problems;
}

/** The official German base map (BKG), web raster in Web Mercator; note {y} before {x} in its WMTS path. */
export const basemapDe = {
  upstream:
    'https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png',
  attribution: '© GeoBasis-DE / BKG (basemap.de), CC BY 4.0',
} as const;

/**
 * The municipality's map tiles after overrides: MAP_TILES_* from the environment win over `map.tiles` of the
 * municipality file, which wins over basemap.de. A PMTiles file (`file`) is read instead of any upstream. Tests start with tiles off (they have no internet; the tile tests
 * switch them on against a local stand-in).
 */
function resolveMapTiles(municipality: Record<string, unknown>, env: Env, nodeEnv: string, problems: string[]): void {
  const map = municipality.map as Record<string, unknown> | undefined;
  if (!map) return;
  const fromFile = (map.tiles as Record<string, unknown> | undefined) ?? {};
  const fromEnv: Record<string, unknown> = {
    off: bool(env, 'MAP_TILES_OFF', problems),
    upstream: env.MAP_TILES_UPSTREAM || undefined,
    file: env.MAP_TILES_FILE || undefined,
    attribution: env.MAP_TILES_ATTRIBUTION || undefined,
    minZoom: int(env, 'MAP_TILES_MIN_ZOOM', problems),
    maxZoom: int(env, 'MAP_TILES_MAX_ZOOM', problems),
  };
  const tiles = deepMerge(fromFile, fromEnv);
  const ownUpstream = tiles.upstream !== undefined || tiles.file !== undefined;
  if (typeof tiles.file === 'string') tiles.file = resolve(process.cwd(), tiles.file);
  tiles.off ??= nodeEnv === 'test';
  tiles.upstream ??= basemapDe.upstream;
  // The basemap.de credit belongs to basemap.de tiles only; another upstream names its own.
  if (!ownUpstream) tiles.attribution ??= basemapDe.attribution;
  tiles.minZoom ??= 9;
  tiles.maxZoom ??= 18;
  if (Number(tiles.minZoom) > Number(tiles.maxZoom))
    problems.push('MAP_TILES_MIN_ZOOM: must not exceed MAP_TILES_MAX_ZOOM');
  map.tiles = tiles;
}

/** Reads the school holidays the municipality file names (schoolHolidaysFile, relative to that file). */
function resolveSchoolHolidays(municipality: Record<string, unknown>, municipalityPath: string, problems: string[]) {
  const file = municipality.schoolHolidaysFile;
  if (typeof file !== 'string') return;
  const path = resolve(dirname(municipalityPath), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.push(`municipality.schoolHolidaysFile: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    return;
  }
  const { holidays, problems: found } = parseSchoolHolidays(text);
  problems.push(...found.map((p) => `municipality.schoolHolidaysFile (${file}): ${p}`));
  municipality.schoolHolidays = holidays;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Builds the one configuration object from the environment, an optional JSON file (CONFIG_FILE) and the
 * municipality file (MUNICIPALITY_FILE, default Bielefeld). Throws ConfigError listing every problem.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const file = env.CONFIG_FILE ? (readJson(env.CONFIG_FILE, problems, 'CONFIG_FILE') ?? {}) : {};
  const nodeEnv = env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const production = nodeEnv === 'production';
  const municipalityPath = env.MUNICIPALITY_FILE || join(projectRoot, 'config', 'municipalities', 'bielefeld.json');
  const municipality = readJson(municipalityPath, problems, 'MUNICIPALITY_FILE') ?? {};

  // Environment variables that are set win over the file, which wins over the defaults.
  const fromEnv: Record<string, unknown> = {
    port: int(env, 'PORT', problems),
    host: env.HOST || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    dataDir: env.DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', problems),
    database: {
      connectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', problems),
      statementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', problems),
      startTimeoutSeconds: int(env, 'DATABASE_START_TIMEOUT_SECONDS', problems),
      pgliteSharedBuffersMb: int(env, 'PGLITE_SHARED_BUFFERS_MB', problems),
    },
    readyTimeoutMs: int(env, 'READY_TIMEOUT_MS', problems),
    roles: list(env, 'ROLES'),
    demoData: bool(env, 'DEMO_DATA', problems),
    logLevel: env.LOG_LEVEL || undefined,
    logRequests: bool(env, 'LOG_REQUESTS', problems),
    trustProxy: trustProxy(env, production, problems),
    http: {
      requestTimeoutSeconds: int(env, 'HTTP_REQUEST_TIMEOUT_SECONDS', problems),
      headersTimeoutSeconds: int(env, 'HTTP_HEADERS_TIMEOUT_SECONDS', problems),
      keepAliveTimeoutSeconds: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', problems),
      maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', problems),
      maxRequestsPerSocket: int(env, 'HTTP_MAX_REQUESTS_PER_SOCKET', problems),
    },
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionMaxAgeHours: int(env, 'SESSION_MAX_AGE_HOURS', problems),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', problems),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', problems),
    rateLimit: {
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', problems),
      publicWritesPerMinute: int(env, 'RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE', problems),
      apiPerMinute: int(env, 'RATE_LIMIT_API_PER_MINUTE', problems),
    },
    jobs: {
      pollSeconds: int(env, 'JOBS_POLL_SECONDS', problems),
      concurrency: int(env, 'JOBS_CONCURRENCY', problems),
      maintenanceSeconds: int(env, 'JOBS_MAINTENANCE_SECONDS', problems),
      catchUpMinutes: int(env, 'JOBS_CATCH_UP_MINUTES', problems),
    },
    shutdownTimeoutSeconds: int(env, 'SHUTDOWN_TIMEOUT_SECONDS', problems),
    metricsToken: env.METRICS_TOKEN || undefined,
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM || undefined,
      transport: env.MAIL_TRANSPORT || undefined,
      fileRetentionDays: int(env, 'MAIL_FILE_RETENTION_DAYS', problems),
      maxPerRecipientPerDay: int(env, 'MAIL_MAX_PER_RECIPIENT_PER_DAY', problems),
    },
    reports: {
      photoMaxBytes: int(env, 'REPORT_PHOTO_MAX_BYTES', problems),
      photoMaxPixels: int(env, 'REPORT_PHOTO_MAX_PIXELS', problems),
      retentionMaxDays: int(env, 'REPORT_RETENTION_MAX_DAYS', problems),
      altchaHmacKey: env.ALTCHA_HMAC_KEY || undefined,
      altchaMaxNumber: int(env, 'ALTCHA_MAX_NUMBER', problems),
      autoForward: bool(env, 'REPORT_AUTO_FORWARD', problems),
    },
    news: {
      images: env.NEWS_IMAGES || undefined,
      allowPrivateImageHosts: bool(env, 'NEWS_IMAGES_ALLOW_PRIVATE', problems),
    },
    applications: { retentionDays: int(env, 'APPLICATIONS_RETENTION_DAYS', problems) },
    parking: {
      feeds: parkingFeeds(env, problems),
      historyDays: int(env, 'PARKING_HISTORY_DAYS', problems),
      feedTimeoutMs: int(env, 'PARKING_FEED_TIMEOUT_MS', problems),
    },
    mapTiles: {
      cacheMb: int(env, 'MAP_TILES_CACHE_MB', problems),
      maxAgeHours: int(env, 'MAP_TILES_MAX_AGE_HOURS', problems),
      timeoutMs: int(env, 'MAP_TILES_TIMEOUT_MS', problems),
      retrySeconds: int(env, 'MAP_TILES_RETRY_SECONDS', problems),
    },
    push: {
      vapidSubject: env.PUSH_VAPID_SUBJECT || undefined,
      allowPrivateEndpoints: bool(env, 'PUSH_ALLOW_PRIVATE_ENDPOINTS', problems),
      concurrency: int(env, 'PUSH_CONCURRENCY', problems),
      encryptThreads: int(env, 'PUSH_ENCRYPT_THREADS', problems),
      batchSize: int(env, 'PUSH_BATCH_SIZE', problems),
      originRatePerSecond: int(env, 'PUSH_ORIGIN_RATE_PER_SECOND', problems),
      maxAttempts: int(env, 'PUSH_MAX_ATTEMPTS', problems),
      leaseSeconds: int(env, 'PUSH_LEASE_SECONDS', problems),
      requestTimeoutSeconds: int(env, 'PUSH_REQUEST_TIMEOUT_SECONDS', problems),
    },
  };
  const defaults: Record<string, unknown> = {
    env: nodeEnv,
    port: 3000,
    host: '0.0.0.0',
    dataDir: './data',
    databasePoolSize: 10,
    database: {
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30_000,
      startTimeoutSeconds: 60,
      pgliteSharedBuffersMb: 32,
    },
    readyTimeoutMs: 2000,
    roles: ['web', 'worker', 'scheduler'],
    demoData: !production,
    logLevel: nodeEnv === 'test' ? 'silent' : 'info',
    logRequests: false,
    trustProxy: false,
    http: {
      // Long enough for three photos over a slow mobile uplink; raise it if uploads are cut off.
      requestTimeoutSeconds: 60,
      headersTimeoutSeconds: 10,
      // Above the idle timeout of common reverse proxies (60 s), so they never reuse a connection we just closed.
      keepAliveTimeoutSeconds: 72,
      maxConnections: 1000,
      maxRequestsPerSocket: 1000,
    },
    sessionMaxAgeHours: 12,
    sessionIdleMinutes: 60,
    bodyLimitBytes: 1024 * 1024,
    rateLimit: { loginPerMinute: 10, publicWritesPerMinute: 20, apiPerMinute: 600 },
    jobs: { pollSeconds: 2, concurrency: 2, maintenanceSeconds: 30, catchUpMinutes: 60 },
    shutdownTimeoutSeconds: 30,
    mail: { fileRetentionDays: 7, maxPerRecipientPerDay: 20 },
    reports: {
      photoMaxBytes: 10 * 1024 * 1024,
      photoMaxPixels: 50_000_000,
      retentionMaxDays: 365,
      altchaMaxNumber: 100_000,
      autoForward: true,
    },
    news: { images: 'drop', allowPrivateImageHosts: nodeEnv === 'test' },
    parking: { feeds: [], historyDays: 400, feedTimeoutMs: 10_000 },
    applications: { retentionDays: 180 },
    mapTiles: { cacheMb: 200, maxAgeHours: 24 * 7, timeoutMs: 5000, retrySeconds: 15 },
    push: {
      allowPrivateEndpoints: nodeEnv === 'test',
      concurrency: 64,
      // One encryption thread beside the main one when there is a second core (push/encrypt-pool.ts).
      encryptThreads: nodeEnv === 'test' || availableParallelism() < 2 ? 0 : 1,
      batchSize: 200,
      originRatePerSecond: 5000,
      maxAttempts: 8,
      leaseSeconds: 300,
      requestTimeoutSeconds: 30,
    },
  };
  const merged = deepMerge(deepMerge(defaults, file), fromEnv);
  merged.env = nodeEnv;
  merged.municipality = deepMerge(municipality, (file.municipality as Record<string, unknown>) ?? {});
  resolveMapTiles(merged.municipality as Record<string, unknown>, env, nodeEnv, problems);
  resolveSchoolHolidays(merged.municipality as Record<string, unknown>, municipalityPath, problems);
  const dataDir = String(merged.dataDir);
  merged.dataDir = isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir);
  merged.publicUrl ??= `http://localhost:${merged.port}`;
  if (!merged.sessionSecret) {
    if (production) problems.push('SESSION_SECRET: required in production (at least 32 characters)');
    else merged.sessionSecret = devSecret(String(merged.dataDir));
  }
  const mail = merged.mail as Record<string, unknown>;
  mail.from ??= `${(merged.municipality as { name?: string }).name ?? 'Bürgerservice'} <noreply@localhost>`;
  const push = merged.push as Record<string, unknown>;
  const contact = (merged.municipality as { contact?: { email?: string } }).contact;
  push.vapidSubject ??= `mailto:${contact?.email ?? 'noreply@localhost'}`;
  problems.push(...crossChecks(merged, production));
  // From the environment only (CITIZEN_*): key and certificate files are paths, never values in a JSON file.
  merged.citizenLogin = citizenLoginFromEnv(
    env,
    { production, publicUrl: String(merged.publicUrl), sessionSecret: merged.sessionSecret as string | undefined },
    problems,
  );
  // From the environment only (FIT_CONNECT_*), like every secret.
  const fitConnect = fitConnectFromEnv(env, production, problems);
  if (fitConnect) merged.fitConnect = fitConnect;
  else delete merged.fitConnect;
  const reports = merged.reports as Record<string, unknown>;
  // Derived from the session secret unless set, so a deployment has one secret less to manage.
  if (!reports.altchaHmacKey && merged.sessionSecret) {
    reports.altchaHmacKey = createHmac('sha256', String(merged.sessionSecret)).update('altcha').digest('base64url');
  }
  for (const err of Value.Errors(configSchema, merged)) {
    problems.push(`${err.path.replace(/^\//, '').replaceAll('/', '.') || '(root)'}: ${err.message}`);
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return merged as Config;
}

/** PARKING_FEEDS: `format=url` entries, comma-separated (`parkapi=https://…,datex2=https://…`). */
function parkingFeeds(env: Env, problems: string[]): { format: string; url: string }[] | undefined {
  const entries = list(env, 'PARKING_FEEDS');
  if (!entries) return undefined;
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    if (at < 1) problems.push(`PARKING_FEEDS: "${entry}" is not format=url`);
    return { format: entry.slice(0, Math.max(at, 0)), url: entry.slice(at + 1) };
  });
}

export function resolveFromRoot(...parts: string[]): string {
  return join(projectRoot, ...parts);
}
