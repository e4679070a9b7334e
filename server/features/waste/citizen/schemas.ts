import { type Static, Type as T } from '@sinclair/typebox';

// The JSON API of an address's next collections (the app's home screen, the bench).

export const nextParamsSchema = T.Object({ id: T.Integer({ minimum: 1 }) });

const localised = T.Record(T.String(), T.String(), { description: 'per language, e.g. {"de": "Restabfall"}' });

export const nextCollectionSchema = T.Object({
  date: T.String({ format: 'date' }),
  binType: T.Object({ key: T.String(), kind: T.Union([T.Literal('bin'), T.Literal('event')]), name: localised }),
  shiftedFrom: T.Union([T.String({ format: 'date' }), T.Null()], { description: 'regular date a holiday moved' }),
});

export const nextCollectionsSchema = T.Object({
  address: T.Object({ id: T.Integer(), label: T.String(), postcode: T.String() }),
  today: T.String({ format: 'date', description: "the municipality's calendar day" }),
  next: T.Array(nextCollectionSchema, { description: 'the next date per bin type, soonest first; today counts' }),
});
export type NextCollections = Static<typeof nextCollectionsSchema>;
