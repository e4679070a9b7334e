import type { Deps } from '../../platform/deps.js';
import { replaceDocuments } from '../search/documents.js';
import type { PlatformInterface } from './interfaces.js';
import { presentPlatform } from './present.js';
import { countPlatforms, insertPlatform, type PlatformFields } from './queries.js';
import { platformDocument } from './service.js';

// Bielefeld's data platforms as the council asked for them on one page. Only addresses we are sure of are filled in;
// the others are left for the editors (no link is shown until they set one).

type Demo = Omit<PlatformFields, 'interfaces'> & { interfaces: PlatformInterface[] };
const city = { operatorDe: 'Stadt Bielefeld', operatorEn: 'City of Bielefeld' };

export const demoPlatforms: Demo[] = [
  {
    slug: 'open-data-portal',
    nameDe: 'Open-Data-Portal Bielefeld',
    nameEn: 'Bielefeld open data portal',
    offersDe:
      'Offene Daten der Stadt zur freien Weiterverwendung: Haushalt, Statistik, Verkehr und Parken, Umwelt, Geodaten und mehr, meist unter einer offenen Lizenz (z. B. CC BY 4.0), mit Metadaten für GovData.',
    offersEn:
      "The city's open data for free re-use: budget, statistics, traffic and parking, environment, geodata and more, mostly under an open licence (e.g. CC BY 4.0), with metadata for GovData.",
    interfaces: ['ckan-api', 'dcat-ap-de', 'csv', 'geojson', 'wfs'],
    url: 'https://open-data.bielefeld.de',
    ...city,
  },
  {
    slug: 'statistik-bielefeld-interaktiv',
    nameDe: 'Statistik Bielefeld interaktiv',
    nameEn: 'Statistik Bielefeld interaktiv (interactive statistics)',
    offersDe:
      'Zahlen zur Stadt als interaktive Tabellen, Diagramme und Karten: Bevölkerung nach Stadtbezirken, Altersgruppen, Haushalte, Wahlen und Arbeitsmarkt; Tabellen zum Herunterladen.',
    offersEn:
      'Figures on the city as interactive tables, charts and maps: population by district, age groups, households, elections and the labour market; tables to download.',
    interfaces: ['csv'],
    url: null,
    ...city,
  },
  {
    slug: 'stadtplan-geoportal',
    nameDe: 'Stadtplan und Geoportal',
    nameEn: 'City map and geoportal',
    offersDe:
      'Der Online-Stadtplan mit Themenkarten (Bebauungspläne, Schulen, Kitas, Parkhäuser, Baustellen) und Luftbildern; die Karten gibt es auch als Kartendienste für eigene Anwendungen.',
    offersEn:
      'The online city map with thematic maps (development plans, schools, day care, car parks, roadworks) and aerial photographs; the maps are also offered as map services for your own applications.',
    interfaces: ['wms', 'wfs'],
    url: null,
    ...city,
  },
  {
    slug: 'stadtbibliothek-katalog',
    nameDe: 'Katalog der Stadtbibliothek',
    nameEn: 'City library catalogue',
    offersDe:
      'Der Bestand der Stadtbibliothek Bielefeld mit allen Zweigstellen: Bücher, Medien und E-Medien suchen, Verfügbarkeit sehen, vormerken und verlängern.',
    offersEn:
      "The holdings of Bielefeld's city library and all its branches: search books, media and e-media, see availability, reserve and renew.",
    interfaces: ['sru', 'z39-50'],
    url: null,
    operatorDe: 'Stadtbibliothek Bielefeld',
    operatorEn: 'Stadtbibliothek Bielefeld (city library)',
  },
  {
    slug: 'ratsinformationssystem',
    nameDe: 'Ratsinformationssystem',
    nameEn: 'Council information system',
    offersDe:
      'Sitzungen, Tagesordnungen, Vorlagen, Beschlüsse und Niederschriften des Rates, der Ausschüsse und der Bezirksvertretungen; maschinenlesbar über die standardisierte OParl-Schnittstelle.',
    offersEn:
      'Meetings, agendas, papers, resolutions and minutes of the council, its committees and the district councils; machine-readable through the standard OParl interface.',
    interfaces: ['oparl'],
    url: null,
    ...city,
  },
  {
    slug: 'sportstaettenbelegung',
    nameDe: 'Sportstättenbelegung',
    nameEn: 'Sports facility bookings',
    offersDe:
      'Belegungspläne der städtischen Sporthallen und Sportplätze: welcher Verein wann trainiert und wo noch Zeiten frei sind.',
    offersEn:
      'Booking plans of the municipal sports halls and pitches: which club trains when, and where slots are free.',
    interfaces: [],
    url: null,
    ...city,
  },
  {
    slug: 'buergerservice-app',
    nameDe: 'Offene Daten dieser App',
    nameEn: "This app's open data",
    offersDe:
      'Mängelmeldungen über die Open311-Schnittstelle (/open311/v2) und als GeoJSON-Karte (/api/reports/map.geojson), die Abfuhrtermine jeder Adresse als iCal-Kalender zum Abonnieren und alle Schnittstellen beschrieben in der API-Dokumentation.',
    offersEn:
      'Defect reports through the Open311 interface (/open311/v2) and as a GeoJSON map (/api/reports/map.geojson), every address’s collection dates as an iCal calendar to subscribe to, and every interface described in the API documentation.',
    interfaces: ['open311', 'geojson', 'ical', 'openapi'],
    url: '/api/docs',
    ...city,
  },
];

/** Loads the demo platforms when the municipality has none yet (idempotent), and indexes them for the search. */
export async function seedPlatformsDemo(deps: Deps, municipalityId = deps.config.municipality.id): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`platforms-demo:${municipalityId}`]);
    if ((await countPlatforms(tx, municipalityId)) > 0) return false;
    const rows = [];
    for (const p of demoPlatforms) rows.push(presentPlatform(await insertPlatform(tx, municipalityId, p, deps.now())));
    await replaceDocuments(tx, municipalityId, 'platform', rows.map(platformDocument));
    return true;
  });
}
