import type { DemoQuestion } from './types.js';

// Abfall, Parken & Verkehr, Kfz.
export const demoQuestions2: DemoQuestion[] = [
  {
    topic: 'abfall',
    de: [
      'Wie melde ich Sperrmüll an?',
      'Sperrmüll melden Sie beim Umweltbetrieb an, am besten online. Planen Sie **mindestens zwei Wochen** Vorlauf ein. Stellen Sie die Sachen erst am Vorabend der Abholung an die Straße.\n\nWas zum Sperrmüll gehört, steht auf der Seite [Sperrmüll](/abfall/sperrmuell).',
    ],
    en: [
      'How do I book a bulky waste collection?',
      'Book bulky waste with the Umweltbetrieb, preferably online. Allow **at least two weeks**. Put the items out on the street only the evening before collection.\n\nWhat counts as bulky waste is explained on the [bulky waste page](/abfall/sperrmuell).',
    ],
    synonyms: ['Sperrmüll', 'Sperrgut', 'Möbel entsorgen', 'Sperrmuell'],
    service: 'sperrmuell',
    start: true,
    votes: [176, 22],
  },
  {
    topic: 'abfall',
    de: [
      'Meine Tonne wurde nicht geleert. Was kann ich tun?',
      'Melden Sie eine vergessene Leerung ab 16 Uhr am Abfuhrtag bis zwei Werktage danach. Das geht auf der Seite Ihrer Adresse im [Abfallkalender](/abfall). Bitte prüfen Sie vorher, ob die Tonne bis 6 Uhr morgens bereitstand und der Deckel geschlossen war.',
    ],
    en: [
      'My bin was not emptied. What can I do?',
      'Report a missed collection from 4 pm on the collection day up to two working days later, on your address’s page in the [waste calendar](/abfall). Please check first that the bin was out by 6 am and the lid was closed.',
    ],
    synonyms: ['Tonne nicht geleert', 'Leerung vergessen', 'Müllabfuhr'],
    votes: [134, 41],
  },
  {
    topic: 'abfall',
    de: [
      'Wie bekomme ich eine Erinnerung an die Abfuhrtermine?',
      'Suchen Sie Ihre Adresse im [Abfallkalender](/abfall). Dort können Sie Push-Erinnerungen am Vorabend einschalten oder den Kalender als iCal-Datei in Ihren Kalender übernehmen — mit Erinnerung zu einer Uhrzeit Ihrer Wahl.',
    ],
    en: [
      'How do I get reminders of collection dates?',
      'Look up your address in the [waste calendar](/abfall). There you can switch on push reminders the evening before, or subscribe to the calendar as an iCal file with a reminder at a time of your choice.',
    ],
    synonyms: ['Abfallkalender', 'Müllkalender', 'Erinnerung', 'iCal', 'Abfuhrtermine'],
    start: true,
    votes: [158, 12],
  },
  {
    topic: 'abfall',
    de: [
      'Wohin mit Elektrogeräten, Batterien und Sondermüll?',
      'Kleine Elektrogeräte und Batterien nehmen viele Händler zurück. Größere Geräte, Farben, Lacke und Chemikalien bringen Sie zu einem der [Wertstoffhöfe](/abfall/wertstoffhoefe). Was wohin gehört, finden Sie im [Abfall-ABC](/abfall/abc).',
    ],
    en: [
      'Where do electrical devices, batteries and hazardous waste go?',
      'Many shops take back small devices and batteries. Larger devices, paints, varnishes and chemicals go to one of the [recycling centres](/abfall/wertstoffhoefe). The [waste A–Z](/abfall/abc) tells you what goes where.',
    ],
    synonyms: ['Elektroschrott', 'Schadstoffe', 'Sondermüll', 'Batterien'],
    votes: [69, 8],
  },
  {
    topic: 'abfall',
    de: [
      'Ich brauche eine größere oder zusätzliche Tonne. Wie geht das?',
      'Größe und Anzahl der Tonnen ändert der Umweltbetrieb auf Antrag der Eigentümerin oder des Eigentümers des Grundstücks. Mieterinnen und Mieter wenden sich bitte an ihre Hausverwaltung. Die Abfallgebühren ändern sich entsprechend.',
    ],
    synonyms: ['Tonne bestellen', 'Mülltonne', 'Tonnengröße', 'Biotonne'],
    votes: [27, 15],
  },
  {
    topic: 'parken-verkehr',
    de: [
      'Wie bekomme ich einen Anwohnerparkausweis?',
      'Einen Bewohnerparkausweis bekommen Sie, wenn Sie in einer Bewohnerparkzone mit Hauptwohnung gemeldet sind und das Fahrzeug auf Sie zugelassen ist (oder Sie es nachweislich dauerhaft nutzen). Beantragen Sie ihn online oder im BürgerServiceCenter mit der Zulassungsbescheinigung Teil I.',
    ],
    en: [
      'How do I get a residents’ parking permit?',
      'You can get a residents’ parking permit if your main residence is in a residents’ parking zone and the vehicle is registered to you (or you can show that you use it permanently). Apply online or at the citizen service centre with the vehicle registration certificate part I.',
    ],
    synonyms: ['Anwohnerparken', 'Bewohnerparkausweis', 'Parkausweis', 'Anwohnerparkausweis'],
    service: 'anwohnerparkausweis',
    votes: [91, 33],
  },
  {
    topic: 'parken-verkehr',
    de: [
      'Wo finde ich freie Plätze in den Parkhäusern der Innenstadt?',
      'Das Parkleitsystem zeigt die freien Plätze der Parkhäuser in der Innenstadt. Die Zahlen gibt es auch als offene Daten; welche Plattform sie anbietet, steht unter [Datenplattformen](/datenplattformen). Sind die Daten älter als eine halbe Stunde, zeigen wir sie nicht mehr als aktuell an.',
    ],
    synonyms: ['Parkhaus', 'Parkleitsystem', 'freie Parkplätze'],
    votes: [48, 20],
  },
  {
    topic: 'parken-verkehr',
    de: [
      'Ein Auto parkt falsch oder blockiert meine Einfahrt. Wen rufe ich an?',
      'Wenn eine Einfahrt blockiert ist oder Gefahr besteht, rufen Sie die Polizei an. Andere Falschparker können Sie dem Ordnungsamt melden, auch über den [Mängelmelder](/melden).',
    ],
    en: [
      'A car is parked illegally or is blocking my driveway. Whom do I call?',
      'If a driveway is blocked or there is danger, call the police. You can report other illegally parked cars to the public order office, also through the [defect reporter](/melden).',
    ],
    synonyms: ['Falschparker', 'Einfahrt blockiert', 'Abschleppen', 'Ordnungsamt'],
    votes: [57, 24],
  },
  {
    topic: 'parken-verkehr',
    de: [
      'Wie melde ich ein Schlagloch, eine defekte Ampel oder eine kaputte Straßenlaterne?',
      'Nutzen Sie den [Mängelmelder](/melden): Ort auf der Karte wählen oder Adresse eingeben, Kategorie wählen, gern ein Foto dazu. Sie können den Stand Ihrer Meldung jederzeit verfolgen. Bei akuter Gefahr rufen Sie bitte die Polizei.',
    ],
    en: [
      'How do I report a pothole, a broken traffic light or a street lamp that is out?',
      'Use the [defect reporter](/melden): choose the place on the map or type an address, choose a category, add a photo if you like. You can follow your report’s status at any time. In case of acute danger please call the police.',
    ],
    synonyms: ['Schlagloch', 'Straßenlaterne', 'Ampel', 'Mängelmelder', 'Schaden melden'],
    votes: [144, 10],
  },
  {
    topic: 'parken-verkehr',
    de: [
      'Brauche ich eine Genehmigung für einen Umzugswagen vor dem Haus?',
      'Ja, wenn Sie eine Halteverbotszone für den Umzug einrichten möchten. Beantragen Sie die Genehmigung rechtzeitig (mindestens zwei Wochen vorher); die Schilder müssen einige Tage vor dem Umzug stehen.',
    ],
    synonyms: ['Halteverbot', 'Umzugswagen', 'Halteverbotszone'],
    votes: [33, 6],
  },
  {
    topic: 'kfz',
    de: [
      'Wie reserviere ich ein Wunschkennzeichen?',
      'Ein Wunschkennzeichen mit „BI“ reservieren Sie online bei der Zulassungsbehörde. Die Reservierung gilt eine begrenzte Zeit; bringen Sie die Reservierungsbestätigung zur Zulassung mit.',
    ],
    en: [
      'How do I reserve a personalised number plate?',
      'Reserve a personalised “BI” number plate online with the vehicle registration office. The reservation is valid for a limited time; bring the confirmation to the registration.',
    ],
    synonyms: ['Wunschkennzeichen', 'Kennzeichen reservieren', 'Nummernschild'],
    service: 'wunschkennzeichen',
    votes: [83, 7],
  },
  {
    topic: 'kfz',
    de: [
      'Kann ich mein Auto online zulassen oder abmelden?',
      'Ja. Mit der Online-Ausweisfunktion und den Sicherheitscodes auf Zulassungsbescheinigung und Kennzeichen können Sie Fahrzeuge online zulassen, umschreiben und außer Betrieb setzen (i-Kfz). Für alles andere buchen Sie einen Termin bei der Zulassungsbehörde.',
    ],
    en: [
      'Can I register or deregister my car online?',
      'Yes. With the online ID function and the security codes on the registration certificate and the number plates, you can register, transfer and deregister vehicles online (i-Kfz). For anything else, book an appointment at the registration office.',
    ],
    synonyms: ['i-Kfz', 'Auto abmelden', 'Zulassung', 'Kfz-Zulassung', 'Außerbetriebsetzung'],
    service: 'kfz-zulassung',
    votes: [62, 29],
  },
  {
    topic: 'kfz',
    de: [
      'Wie tausche ich meinen alten Führerschein um?',
      'Alte Papier- und Kartenführerscheine müssen je nach Geburtsjahr bzw. Ausstellungsjahr bis zu festen Fristen in den EU-Kartenführerschein umgetauscht werden. Den Antrag stellen Sie bei der Führerscheinstelle mit Ausweis, biometrischem Foto und dem alten Führerschein.',
    ],
    synonyms: ['Führerschein umtauschen', 'Pflichtumtausch', 'Führerscheinstelle'],
    votes: [71, 18],
  },
  {
    topic: 'kfz',
    de: [
      'Ich habe ein Auto gekauft. Was brauche ich für die Ummeldung?',
      'Zur Umschreibung bringen Sie mit: Personalausweis oder Reisepass, Zulassungsbescheinigung Teil I und II, die eVB-Nummer Ihrer Versicherung, ein SEPA-Mandat für die Kfz-Steuer und den Nachweis der Hauptuntersuchung. Die bisherigen Kennzeichen können Sie auf Wunsch behalten.',
    ],
    synonyms: ['Ummeldung', 'Halterwechsel', 'Umschreibung', 'eVB'],
    votes: [46, 12],
  },
];
