import type { NewsTopic } from '../core/topics.js';

// Demo news for Bielefeld: a few weeks of press releases, traffic and roadworks notices and events, written for
// the demo (marked as demo on every page). `daysAgo` and `hour` place them relative to the demo's clock.

export interface DemoNewsItem {
  daysAgo: number;
  hour: number;
  topic: NewsTopic;
  pinned?: boolean;
  titleDe: string;
  markdownDe: string;
  titleEn?: string;
  markdownEn?: string;
}

export const demoNewsItems: DemoNewsItem[] = [
  {
    daysAgo: 0,
    hour: 9,
    topic: 'press',
    pinned: true,
    titleDe: 'Bürgerservice-App: Abfallkalender, Mängelmelder und Aktuelles an einem Ort',
    markdownDe:
      'Die Stadt Bielefeld bündelt ihre digitalen Angebote für Bürgerinnen und Bürger in einer App. Abfuhrtermine, ' +
      'Meldungen von Schäden im Straßenraum und die Nachrichten der Stadt sind jetzt an einem Ort zu finden.\n\n' +
      'Die App funktioniert im Browser, auch ohne Installation, und ist barrierefrei gestaltet. ' +
      'Das **BürgerServiceCenter** hilft weiterhin telefonisch und vor Ort.',
    titleEn: 'Citizen service app: waste calendar, issue reporting and news in one place',
    markdownEn:
      'The City of Bielefeld brings its digital services for residents together in one app. Collection dates, ' +
      'reports of damage in public spaces and the city’s news can now be found in one place.\n\n' +
      'The app works in the browser without installation and is designed to be accessible. ' +
      'The **BürgerServiceCenter** continues to help by phone and in person.',
  },
  {
    daysAgo: 1,
    hour: 7,
    topic: 'traffic',
    titleDe: 'Jahnplatz: Umleitung der Stadtbahnlinien am Wochenende',
    markdownDe:
      'Wegen Gleisarbeiten von moBiel fahren die Stadtbahnlinien 1, 2, 3 und 4 am Samstag und Sonntag nicht über ' +
      'den Jahnplatz. Ersatzbusse halten an der Haltestelle **Jahnplatz (Niederwall)**.\n\n' +
      '- Beginn: Samstag, 4:30 Uhr\n- Ende: Sonntag, Betriebsschluss\n\n' +
      'Fahrgäste sollten etwa zehn Minuten mehr Zeit einplanen.',
    titleEn: 'Jahnplatz: light rail lines diverted at the weekend',
    markdownEn:
      'Because of track works by moBiel, light rail lines 1, 2, 3 and 4 will not run via Jahnplatz on Saturday ' +
      'and Sunday. Replacement buses stop at **Jahnplatz (Niederwall)**.\n\n' +
      'Passengers should allow about ten extra minutes.',
  },
  {
    daysAgo: 2,
    hour: 11,
    topic: 'roadworks',
    titleDe: 'Herforder Straße: Fahrbahnerneuerung zwischen Kesselbrink und Nordpark',
    markdownDe:
      'Ab Montag erneuert das Amt für Verkehr die Fahrbahn der Herforder Straße zwischen Kesselbrink und Nordpark. ' +
      'Stadtauswärts steht während der Arbeiten nur ein Fahrstreifen zur Verfügung.\n\n' +
      'Die Arbeiten dauern voraussichtlich drei Wochen. Fußgängerinnen und Radfahrer werden an der Baustelle ' +
      'vorbeigeführt.',
  },
  {
    daysAgo: 3,
    hour: 10,
    topic: 'press',
    titleDe: 'Weihnachtsmarkt in der Altstadt: längere Öffnungszeiten an den Adventssamstagen',
    markdownDe:
      'Der Bielefelder Weihnachtsmarkt rund um den Alten Markt und die Altstädter Nicolaikirche hat an den ' +
      'Adventssamstagen bis 22 Uhr geöffnet. Die Stadt bittet, mit Bus und Stadtbahn anzureisen.',
    titleEn: 'Christmas market in the old town: longer opening hours on Advent Saturdays',
    markdownEn:
      'Bielefeld’s Christmas market around the Alter Markt and the Altstädter Nicolaikirche is open until 10 pm on ' +
      'Advent Saturdays. The city asks visitors to come by bus and light rail.',
  },
  {
    daysAgo: 4,
    hour: 14,
    topic: 'events',
    titleDe: 'Lesung in der Stadtbibliothek: „Bielefeld erzählt“',
    markdownDe:
      'Die Stadtbibliothek am Neumarkt lädt zur Lesereihe „Bielefeld erzählt“ ein. Autorinnen und Autoren aus der ' +
      'Region lesen aus ihren Büchern. Der Eintritt ist frei, eine Anmeldung ist nicht nötig.',
  },
  {
    daysAgo: 5,
    hour: 8,
    topic: 'traffic',
    titleDe: 'Ostwestfalendamm: nächtliche Sperrung Richtung Brackwede',
    markdownDe:
      'Für Wartungsarbeiten an der Tunnelbeleuchtung wird der Ostwestfalendamm in Fahrtrichtung Brackwede in zwei ' +
      'Nächten jeweils von 21 bis 5 Uhr gesperrt. Eine Umleitung über die Artur-Ladebeck-Straße ist ausgeschildert.',
    titleEn: 'Ostwestfalendamm: closed at night towards Brackwede',
    markdownEn:
      'For maintenance of the tunnel lighting, the Ostwestfalendamm towards Brackwede will be closed on two nights ' +
      'from 9 pm to 5 am. A diversion via Artur-Ladebeck-Straße is signposted.',
  },
  {
    daysAgo: 6,
    hour: 12,
    topic: 'press',
    titleDe: 'Neue Kita in Sennestadt eröffnet',
    markdownDe:
      'In Sennestadt hat eine neue Kindertageseinrichtung mit fünf Gruppen und 95 Plätzen eröffnet. Damit wächst ' +
      'das Betreuungsangebot im Stadtbezirk deutlich. Anmeldungen sind über den Kita-Navigator möglich.',
  },
  {
    daysAgo: 8,
    hour: 9,
    topic: 'roadworks',
    titleDe: 'Detmolder Straße: Kanalbau ab Mitte des Monats',
    markdownDe:
      'Der Umweltbetrieb erneuert den Abwasserkanal in der Detmolder Straße zwischen Ostbahnhof und Sieker Mitte. ' +
      'Die Zufahrt zu den Grundstücken bleibt möglich; der Busverkehr wird umgeleitet.',
  },
  {
    daysAgo: 9,
    hour: 15,
    topic: 'events',
    titleDe: 'Sparrenburg: Führungen durch die Kasematten im Winter',
    markdownDe:
      'Auch im Winter gibt es Führungen durch die unterirdischen Gänge der Sparrenburg. Die Führungen dauern etwa ' +
      'eine Stunde; warme Kleidung wird empfohlen.',
    titleEn: 'Sparrenburg castle: winter tours of the casemates',
    markdownEn:
      'Guided tours through the underground passages of the Sparrenburg also take place in winter. Tours last ' +
      'about an hour; warm clothing is recommended.',
  },
  {
    daysAgo: 10,
    hour: 10,
    topic: 'press',
    titleDe: 'Stadt pflanzt 300 neue Straßenbäume',
    markdownDe:
      'Im Rahmen des Klimaanpassungskonzepts pflanzt der Umweltbetrieb in diesem Herbst 300 neue Straßenbäume, ' +
      'unter anderem in Schildesche, Heepen und Brackwede. Gewählt wurden Arten, die Hitze und Trockenheit gut ' +
      'vertragen.',
  },
  {
    daysAgo: 12,
    hour: 7,
    topic: 'traffic',
    titleDe: 'Stadtbahnlinie 4: Verstärkerfahrten zu den Heimspielen der Arminia',
    markdownDe:
      'Zu den Heimspielen des DSC Arminia Bielefeld setzt moBiel zusätzliche Bahnen zwischen Hauptbahnhof und ' +
      'Rudolf-Oetker-Halle ein. Die Eintrittskarte gilt als Fahrschein.',
  },
  {
    daysAgo: 13,
    hour: 13,
    topic: 'roadworks',
    titleDe: 'Brackwede: Umgestaltung der Hauptstraße geht in den zweiten Abschnitt',
    markdownDe:
      'Die Umgestaltung der Hauptstraße in Brackwede geht in den zweiten Bauabschnitt. Geschäfte bleiben ' +
      'während der gesamten Bauzeit zu Fuß erreichbar.',
  },
  {
    daysAgo: 15,
    hour: 11,
    topic: 'press',
    titleDe: 'BürgerServiceCenter: neue Termine für Ausweis und Reisepass',
    markdownDe:
      'Das BürgerServiceCenter im Neuen Rathaus bietet zusätzliche Termine für Personalausweise und Reisepässe an. ' +
      'Termine können online gebucht werden; Notfälle werden weiterhin ohne Termin bedient.',
    titleEn: 'BürgerServiceCenter: more appointments for ID cards and passports',
    markdownEn:
      'The BürgerServiceCenter in the New Town Hall offers additional appointments for ID cards and passports. ' +
      'Appointments can be booked online; emergencies are still served without one.',
  },
  {
    daysAgo: 16,
    hour: 16,
    topic: 'events',
    titleDe: 'Ravensberger Park: Lichterfest am Freitag',
    markdownDe:
      'Am Freitag leuchtet der Ravensberger Park: Beim Lichterfest zeigen Kulturvereine aus der Nachbarschaft ' +
      'Installationen und Musik. Beginn ist um 17 Uhr.',
  },
  {
    daysAgo: 18,
    hour: 9,
    topic: 'roadworks',
    titleDe: 'Stapenhorststraße: Vollsperrung für Leitungsarbeiten',
    markdownDe:
      'Für die Erneuerung von Versorgungsleitungen wird die Stapenhorststraße zwischen Kurt-Schumacher-Straße und ' +
      'Melanchthonstraße für zwei Wochen voll gesperrt. Der Radverkehr kann die Baustelle passieren.',
  },
  {
    daysAgo: 20,
    hour: 10,
    topic: 'press',
    titleDe: 'Wertstoffhöfe: geänderte Öffnungszeiten zwischen den Feiertagen',
    markdownDe:
      'Die Wertstoffhöfe des Umweltbetriebs haben zwischen Weihnachten und Neujahr geänderte Öffnungszeiten. ' +
      'Die aktuellen Zeiten stehen im Abfallkalender der App.',
  },
  {
    daysAgo: 22,
    hour: 8,
    topic: 'traffic',
    titleDe: 'Kesselbrink: Ampelanlage wird modernisiert',
    markdownDe:
      'Die Ampelanlage an der Kreuzung Kesselbrink/Friedrich-Verleger-Straße wird auf LED-Technik umgestellt. ' +
      'Während der Arbeiten regeln Baustellenampeln den Verkehr.',
  },
  {
    daysAgo: 24,
    hour: 14,
    topic: 'events',
    titleDe: 'Kunsthalle Bielefeld: freier Eintritt am ersten Sonntag im Monat',
    markdownDe:
      'Die Kunsthalle Bielefeld lädt am ersten Sonntag jedes Monats zum freien Besuch der Sammlung ein. ' +
      'Führungen um 11 und 15 Uhr sind ebenfalls kostenlos.',
    titleEn: 'Kunsthalle Bielefeld: free admission on the first Sunday of the month',
    markdownEn:
      'The Kunsthalle Bielefeld invites visitors to see its collection free of charge on the first Sunday of every ' +
      'month. Guided tours at 11 am and 3 pm are also free.',
  },
  {
    daysAgo: 26,
    hour: 10,
    topic: 'press',
    titleDe: 'Bürgerbeteiligung zum Radverkehrskonzept startet',
    markdownDe:
      'Die Stadt lädt zur Beteiligung am neuen Radverkehrskonzept ein. Hinweise zu Lücken im Radnetz können ' +
      'sechs Wochen lang online und in den Bezirksämtern abgegeben werden.',
  },
  {
    daysAgo: 28,
    hour: 9,
    topic: 'roadworks',
    titleDe: 'Jöllenbecker Straße: Arbeiten an der Stadtbahnhaltestelle abgeschlossen',
    markdownDe:
      'Die Haltestelle Nordpark ist barrierefrei ausgebaut. Die Jöllenbecker Straße ist wieder in beide Richtungen ' +
      'befahrbar.',
  },
];

/** The city's feeds, configured for the demo but disabled (no network at start). */
export const demoFeeds = [
  { name: 'Pressemitteilungen (Demo)', url: 'https://www.bielefeld.de/demo/rss/presse.xml', topic: 'press' },
  { name: 'Verkehrsmeldungen (Demo)', url: 'https://www.bielefeld.de/demo/rss/verkehr.xml', topic: 'traffic' },
  { name: 'Baustellen (Demo)', url: 'https://www.bielefeld.de/demo/rss/baustellen.xml', topic: 'roadworks' },
  { name: 'Veranstaltungen (Demo)', url: 'https://www.bielefeld.de/demo/atom/veranstaltungen.xml', topic: 'events' },
] as const;
