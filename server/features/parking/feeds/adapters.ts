import type { FeedReading } from '../core/service.js';
import type { FeedFormat } from '../core/statuses.js';
import { parseCityCsv, parseCityGeoJson } from './parse-city.js';
import { parseDatex } from './parse-datex.js';
import { parseParkApi } from './parse-parkapi.js';

/** One adapter per feed format: the feed's text → readings (throws FeedFormatError when it is another format). */
export const adapters: Record<FeedFormat, (text: string, timeZone: string) => FeedReading[]> = {
  'city-csv': parseCityCsv,
  'city-geojson': parseCityGeoJson,
  parkapi: (text) => parseParkApi(text),
  datex2: (text) => parseDatex(text),
};
