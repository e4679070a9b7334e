/** The interfaces a data platform can offer (one typed list: forms, views and validation are built from it). */
export const platformInterfaces = [
  'ckan-api',
  'dcat-ap-de',
  'wms',
  'wfs',
  'sru',
  'z39-50',
  'oparl',
  'open311',
  'openapi',
  'csv',
  'geojson',
  'ical',
] as const;
export type PlatformInterface = (typeof platformInterfaces)[number];

export function isPlatformInterface(s: string): s is PlatformInterface {
  return (platformInterfaces as readonly string[]).includes(s);
}

/** The standards' own names (the same in every language). */
export const interfaceNames: Record<PlatformInterface, string> = {
  'ckan-api': 'CKAN API',
  'dcat-ap-de': 'DCAT-AP.de',
  wms: 'WMS',
  wfs: 'WFS',
  sru: 'SRU',
  'z39-50': 'Z39.50',
  oparl: 'OParl',
  open311: 'Open311 GeoReport v2',
  openapi: 'OpenAPI',
  csv: 'CSV',
  geojson: 'GeoJSON',
  ical: 'iCalendar (iCal)',
};
