import { type Static, Type as T } from '@sinclair/typebox';

// The schema of a municipality's configuration file (config/municipalities/<id>.json), part of the one config.

const languageSchema = T.Union([T.Literal('de'), T.Literal('en')]);

export const municipalitySchema = T.Object(
  {
    id: T.String({ pattern: '^[a-z0-9-]{2,40}$', description: 'short key stored with every municipal row' }),
    name: T.String({ minLength: 1 }),
    officialName: T.String({ minLength: 1 }),
    ars: T.String({ pattern: '^[0-9]{12}$', description: 'Amtlicher Regionalschlüssel' }),
    bscName: T.String({ minLength: 1 }),
    bscPhone: T.String({ minLength: 3 }),
    contact: T.Object({
      street: T.String(),
      postcode: T.String({ pattern: '^[0-9]{5}$' }),
      city: T.String(),
      phone: T.String(),
      email: T.String({ format: 'email' }),
      website: T.String({ format: 'uri' }),
    }),
    representative: T.String({ description: 'who represents the municipality (Impressum)' }),
    vatId: T.Optional(T.String()),
    supervisoryAuthority: T.String(),
    dataProtectionOfficer: T.Object({
      name: T.String(),
      email: T.String({ format: 'email' }),
      street: T.String(),
      city: T.String(),
    }),
    dataProtectionAuthority: T.Object(
      {
        name: T.String(),
        street: T.String(),
        city: T.String(),
        email: T.String({ format: 'email' }),
        website: T.String({ format: 'uri' }),
      },
      { description: 'where citizens complain about data protection (Art. 77 DSGVO), e.g. LDI NRW' },
    ),
    privacy: T.Object({
      statementDate: T.String({ format: 'date' }),
      logRetentionDays: T.Integer({ minimum: 1, maximum: 365, description: 'how long server logs are kept' }),
      stateLaw: T.String({ description: 'state data protection law for public bodies, e.g. § 3 DSG NRW' }),
    }),
    accessibility: T.Object({
      statementDate: T.String({ format: 'date' }),
      conformance: T.Union([T.Literal('full'), T.Literal('partial'), T.Literal('none')]),
      evaluation: T.Union([T.Literal('self-assessment'), T.Literal('external-audit')]),
      knownIssues: T.Optional(
        T.Array(T.Object({ de: T.String(), en: T.String() }), { description: 'barriers not yet removed' }),
      ),
      feedbackEmail: T.String({ format: 'email' }),
      feedbackPhone: T.String(),
      responseWeeks: T.Object({ min: T.Integer({ minimum: 1 }), max: T.Integer({ minimum: 1 }) }),
      enforcementBody: T.String(),
      enforcementUrl: T.String({ format: 'uri' }),
      enforcementEmail: T.Optional(T.String({ format: 'email' })),
      law: T.String(),
    }),
    signLanguageVideoUrl: T.Optional(
      T.String({
        format: 'uri',
        description: 'video in Deutsche Gebärdensprache explaining the app; unset = text only',
      }),
    ),
    logo: T.String({ description: 'path below public/ of an SVG or PNG logo' }),
    colours: T.Object({ primary: T.String({ pattern: '^#[0-9a-fA-F]{6}$' }) }),
    map: T.Object({
      lat: T.Number({ minimum: -90, maximum: 90 }),
      lon: T.Number({ minimum: -180, maximum: 180 }),
      zoom: T.Integer({ minimum: 1, maximum: 19 }),
      bounds: T.Optional(
        T.Tuple([T.Number(), T.Number(), T.Number(), T.Number()], {
          description: '[west, south, east, north] in degrees: the only area map tiles are served for',
        }),
      ),
      tiles: T.Optional(
        T.Object(
          {
            off: T.Optional(T.Boolean({ description: 'no background map (district outlines only)' })),
            upstream: T.Optional(
              T.String({
                pattern: '^https?://.*\\{z\\}.*',
                description: 'tile URL template with {z}, {x}, {y} that our server fetches from (never the browser)',
              }),
            ),
            file: T.Optional(
              T.String({
                minLength: 1,
                description: 'a raster PMTiles archive on this server, read instead of any upstream',
              }),
            ),
            attribution: T.Optional(T.String({ description: 'the credit the tiles require, shown on every map' })),
            minZoom: T.Optional(T.Integer({ minimum: 0, maximum: 22 })),
            maxZoom: T.Optional(T.Integer({ minimum: 0, maximum: 22 })),
          },
          {
            additionalProperties: false,
            description: 'background map tiles, served from our own origin (/tiles/…); env MAP_TILES_* override',
          },
        ),
      ),
    }),
    waste: T.Optional(
      T.Object({
        bulkyWasteBookingUrl: T.Optional(
          T.String({ format: 'uri', description: 'where citizens book a Sperrmüll collection; unset = phone only' }),
        ),
      }),
    ),
    referencePrefix: T.String({
      pattern: '^[A-Z]{1,4}$',
      description: 'prefix of report references, e.g. BI → BI-2026-000123',
    }),
    holidayRegion: T.String({
      pattern: '^[A-Z]{2}$',
      description: 'German state code for public holidays in working-day targets, e.g. NW',
    }),
    schoolHolidaysFile: T.Optional(
      T.String({
        minLength: 1,
        description:
          "the state's school holidays as the iCalendar file its ministry publishes (path relative to this file); " +
          'parking forecasts treat those weekdays as their own day type; unset = no school holidays',
      }),
    ),
    /** Read from schoolHolidaysFile at start (not written in the municipality file). */
    schoolHolidays: T.Optional(
      T.Array(
        T.Object({
          from: T.String({ format: 'date' }),
          to: T.String({ format: 'date' }),
          name: T.String(),
        }),
      ),
    ),
    languages: T.Array(languageSchema, { minItems: 1 }),
    defaultLanguage: languageSchema,
    timeZone: T.String({ minLength: 3 }),
  },
  { additionalProperties: false },
);
export type Municipality = Static<typeof municipalitySchema>;
