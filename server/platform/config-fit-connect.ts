import { type Static, Type as T } from '@sinclair/typebox';
import '../../shared/formats.js';
import type { Env } from './config-env.js';

/**
 * FIT-Connect access of one sender client (registered in the FIT-Connect self-service portal). The API URLs are the
 * services' origins without the version: the client appends `/v1/…` itself.
 */
export const fitConnectConfigSchema = T.Object(
  {
    tokenUrl: T.String({ format: 'uri', description: 'OAuth 2.0 token endpoint (client credentials)' }),
    submissionApiUrl: T.String({ format: 'uri', description: 'Submission API origin, without /v1' }),
    routingApiUrl: T.Optional(T.String({ format: 'uri', description: 'Routing API origin, without /v1' })),
    eventJwksUrl: T.String({
      format: 'uri',
      description: "JWKS of the submission service's event-log signing keys (/.well-known/jwks.json)",
    }),
    clientId: T.String({ minLength: 1 }),
    clientSecret: T.String({ minLength: 1, description: 'secret: never logged' }),
    scope: T.Optional(T.String({ minLength: 1, description: 'OAuth scope, if the portal assigned one' })),
  },
  { additionalProperties: false },
);

export type FitConnectConfig = Static<typeof fitConnectConfigSchema>;

const required = {
  tokenUrl: 'FIT_CONNECT_TOKEN_URL',
  submissionApiUrl: 'FIT_CONNECT_SUBMISSION_API_URL',
  eventJwksUrl: 'FIT_CONNECT_EVENT_JWKS_URL',
  clientId: 'FIT_CONNECT_CLIENT_ID',
  clientSecret: 'FIT_CONNECT_CLIENT_SECRET',
} as const;
const optional = { routingApiUrl: 'FIT_CONNECT_ROUTING_API_URL', scope: 'FIT_CONNECT_SCOPE' } as const;

/**
 * FIT_CONNECT_* from the environment (the client secret never belongs in a JSON file): all required settings or
 * none. Undefined when none is set (FIT-Connect services then say they are not online); a partial set is a problem
 * naming what is missing. In production the URLs must be https.
 */
export function fitConnectFromEnv(env: Env, production: boolean, problems: string[]): FitConnectConfig | undefined {
  const given = (name: string) => env[name]?.trim() || undefined;
  const all = { ...required, ...optional };
  if (Object.values(all).every((name) => given(name) === undefined)) return undefined;
  const missing = Object.values(required).filter((name) => given(name) === undefined);
  if (missing.length > 0) {
    problems.push(`FIT-Connect is configured only in part: ${missing.join(', ')} missing (set all or none)`);
    return undefined;
  }
  const config: Record<string, string> = {};
  for (const [key, name] of Object.entries(all)) {
    const value = given(name);
    if (value !== undefined) config[key] = value;
  }
  if (production) {
    for (const key of ['tokenUrl', 'submissionApiUrl', 'routingApiUrl', 'eventJwksUrl'] as const) {
      const value = config[key];
      if (value !== undefined && !value.startsWith('https://')) problems.push(`${all[key]}: must be https`);
    }
  }
  return config as FitConnectConfig;
}
