import { type Static, Type as T } from '@sinclair/typebox';
import '../../../../shared/formats.js';

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
