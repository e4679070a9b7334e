import type { DemoQuestion } from './types.js';

// Bürgerservice, Ausweise & Pässe, Umzug & Meldewesen.
export const demoQuestions1: DemoQuestion[] = [
  {
    topic: 'buergerservice',
    de: [
      'Wann hat das BürgerServiceCenter geöffnet?',
      'Das BürgerServiceCenter im Neuen Rathaus (Niederwall 23) ist montags bis freitags vormittags und an mehreren Nachmittagen geöffnet. Die aktuellen Öffnungszeiten, auch an Feiertagen und zwischen den Jahren, stehen auf der Startseite dieser App.\n\nFür die meisten Anliegen brauchen Sie einen **Termin**; ohne Termin kommen Sie nur für kurze Auskünfte dran.',
    ],
    en: [
      'When is the citizen service centre open?',
      'The BürgerServiceCenter in the Neues Rathaus (Niederwall 23) is open Monday to Friday in the mornings and on several afternoons. The current opening hours, including public holidays and the days around New Year, are on the start page of this app.\n\nFor most matters you need an **appointment**; without one you can only get short information.',
    ],
    synonyms: ['Öffnungszeiten', 'BSC', 'Bürgeramt', 'Rathaus'],
    start: true,
    votes: [212, 9],
  },
  {
    topic: 'buergerservice',
    de: [
      'Wie bekomme ich einen Termin im BürgerServiceCenter?',
      'Termine buchen Sie online über die Terminvergabe der Stadt oder telefonisch unter 0521 51-0. Wählen Sie dabei das passende Anliegen aus (zum Beispiel „Personalausweis beantragen“), damit genug Zeit eingeplant ist.\n\nWenn Sie mehrere Anliegen haben, buchen Sie bitte für jedes einen eigenen Termin oder wählen Sie alle Anliegen in einer Buchung aus.',
    ],
    en: [
      'How do I get an appointment at the citizen service centre?',
      'Book appointments online through the city’s appointment booking or by phone on +49 521 51-0. Choose the right matter (for example “apply for an ID card”) so that enough time is planned.\n\nIf you have several matters, select all of them in one booking.',
    ],
    synonyms: ['Termin', 'Terminvergabe', 'Termin buchen'],
    votes: [187, 31],
  },
  {
    topic: 'buergerservice',
    de: [
      'Ich kann einen Termin nicht wahrnehmen. Was tue ich?',
      'Bitte sagen Sie den Termin über den Link in Ihrer Bestätigungsmail ab. So kann jemand anderes den Termin nutzen. Einen neuen Termin buchen Sie wie gewohnt online oder telefonisch.',
    ],
    synonyms: ['Termin absagen', 'Termin verschieben', 'stornieren'],
    votes: [64, 4],
  },
  {
    topic: 'buergerservice',
    de: [
      'Kann ich jemanden bevollmächtigen, für mich zum BürgerServiceCenter zu gehen?',
      'Für viele Anliegen ja, zum Beispiel um einen fertigen Ausweis abzuholen oder eine Meldebescheinigung zu beantragen. Die bevollmächtigte Person bringt mit:\n\n- eine schriftliche, unterschriebene Vollmacht,\n- ihren eigenen Ausweis,\n- eine Kopie Ihres Ausweises.\n\nEinen neuen Personalausweis oder Reisepass beantragen Sie dagegen immer persönlich, weil Foto und Unterschrift geprüft werden.',
    ],
    en: [
      'Can someone go to the citizen service centre on my behalf?',
      'For many matters, yes — for example to collect a finished ID card or to apply for a certificate of registration. The authorised person brings:\n\n- a written, signed power of attorney,\n- their own ID,\n- a copy of your ID.\n\nA new ID card or passport, however, must always be applied for in person, because photo and signature are checked.',
    ],
    synonyms: ['Vollmacht', 'bevollmächtigen', 'Vertretung'],
    votes: [58, 12],
  },
  {
    topic: 'buergerservice',
    de: [
      'Wie kann ich im BürgerServiceCenter bezahlen?',
      'Sie können mit Girocard (EC-Karte) und in der Regel auch mit Kreditkarte bezahlen. Bargeld wird an den Kassenautomaten angenommen.',
    ],
    en: [
      'How can I pay at the citizen service centre?',
      'You can pay by debit card (girocard) and usually by credit card. Cash is accepted at the payment machines.',
    ],
    synonyms: ['bezahlen', 'Kartenzahlung', 'EC-Karte'],
    votes: [41, 7],
  },
  {
    topic: 'ausweise-paesse',
    de: [
      'Was brauche ich für einen neuen Personalausweis?',
      'Bringen Sie zum Termin mit:\n\n- Ihren bisherigen Personalausweis oder Reisepass,\n- ein aktuelles biometrisches Passfoto (es kann auch direkt im BürgerServiceCenter digital aufgenommen werden),\n- bei Namensänderung die Heirats- oder Geburtsurkunde.\n\nDer neue Ausweis ist nach etwa drei bis vier Wochen fertig. Sie bekommen eine Nachricht, sobald Sie ihn abholen können.',
    ],
    en: [
      'What do I need for a new ID card?',
      'Bring to your appointment:\n\n- your current ID card or passport,\n- a recent biometric photo (it can also be taken digitally at the citizen service centre),\n- if your name changed, the marriage or birth certificate.\n\nThe new card is ready after about three to four weeks. You will be notified when you can collect it.',
    ],
    synonyms: ['Perso', 'Ausweis', 'Personalausweis', 'ID-Karte'],
    service: 'personalausweis',
    start: true,
    votes: [243, 18],
  },
  {
    topic: 'ausweise-paesse',
    de: [
      'Ich habe meinen Personalausweis verloren. Was muss ich tun?',
      'Melden Sie den Verlust bitte sofort im BürgerServiceCenter oder bei der Polizei; bei Diebstahl immer bei der Polizei. Ist die Online-Ausweisfunktion eingeschaltet, lassen Sie sie über die Sperrhotline 116 116 sperren.\n\nDanach beantragen Sie einen neuen Ausweis. Bis er fertig ist, können Sie einen vorläufigen Personalausweis bekommen.',
    ],
    en: [
      'I have lost my ID card. What should I do?',
      'Please report the loss at once at the citizen service centre or to the police; theft always to the police. If the online ID function is switched on, have it blocked through the hotline 116 116.\n\nThen apply for a new ID card. Until it is ready you can get a temporary ID card.',
    ],
    synonyms: ['Perso verloren', 'Ausweis gestohlen', 'Verlustanzeige'],
    service: 'personalausweis',
    votes: [96, 11],
  },
  {
    topic: 'ausweise-paesse',
    de: [
      'Wie lange dauert ein neuer Reisepass?',
      'Ein Reisepass wird in der Bundesdruckerei hergestellt und ist in der Regel nach vier bis sechs Wochen abholbereit. Wenn Sie früher verreisen, können Sie gegen eine höhere Gebühr einen Express-Reisepass (wenige Werktage) oder einen vorläufigen Reisepass beantragen. Prüfen Sie vorher, ob Ihr Reiseland einen vorläufigen Pass anerkennt.',
    ],
    en: [
      'How long does a new passport take?',
      'Passports are made by the Federal Printing Office and are usually ready for collection after four to six weeks. If you travel sooner, you can apply for an express passport (a few working days) or a temporary passport for a higher fee. Check first whether your destination accepts a temporary passport.',
    ],
    synonyms: ['Pass', 'Reisepass', 'Expresspass', 'vorläufiger Reisepass'],
    service: 'reisepass',
    votes: [121, 37],
  },
  {
    topic: 'ausweise-paesse',
    de: [
      'Braucht mein Kind einen eigenen Ausweis für Reisen?',
      'Ja. Seit 2024 gibt es keinen Kinderreisepass mehr. Kinder reisen mit einem eigenen Personalausweis oder Reisepass. Beide Sorgeberechtigten müssen zustimmen; das Kind kommt zum Termin mit, ab 6 Jahren wird es auch unterschreiben.',
    ],
    en: [
      'Does my child need its own ID for travelling?',
      'Yes. Since 2024 there is no longer a children’s passport. Children travel with their own ID card or passport. Both parents with custody must agree; the child comes to the appointment and signs from the age of 6.',
    ],
    synonyms: ['Kinderreisepass', 'Kinderausweis', 'Ausweis Kind'],
    votes: [77, 21],
  },
  {
    topic: 'ausweise-paesse',
    de: [
      'Wie aktiviere ich die Online-Ausweisfunktion?',
      'Bei allen neuen Personalausweisen ist die Online-Ausweisfunktion eingeschaltet. Sie brauchen die sechsstellige PIN: Die fünfstellige Transport-PIN aus dem PIN-Brief ändern Sie einmal in der AusweisApp in Ihre eigene PIN. PIN vergessen? Im BürgerServiceCenter können Sie eine neue PIN setzen.',
    ],
    synonyms: ['eID', 'PIN', 'AusweisApp', 'Online-Ausweis'],
    votes: [39, 26],
  },
  {
    topic: 'umzug-meldewesen',
    de: [
      'Wie melde ich meinen neuen Wohnsitz in Bielefeld an?',
      'Sie müssen sich innerhalb von **zwei Wochen** nach dem Einzug anmelden. Bringen Sie zum Termin mit:\n\n- Personalausweis oder Reisepass aller Personen, die umziehen,\n- die Wohnungsgeberbestätigung (vom Vermieter ausgefüllt).\n\nDie Anmeldung ist gebührenfrei. Für Ihr Auto bekommen Sie die neue Adresse gleich mit aufgeklebt, wenn Sie die Zulassungsbescheinigung Teil I mitbringen.',
    ],
    en: [
      'How do I register my new address in Bielefeld?',
      'You must register within **two weeks** of moving in. Bring to the appointment:\n\n- the ID card or passport of everyone moving,\n- the landlord’s confirmation (Wohnungsgeberbestätigung).\n\nRegistration is free of charge. If you bring your vehicle registration certificate part I, the new address is updated at the same time.',
    ],
    synonyms: ['Ummelden', 'Anmeldung', 'Umzug', 'Wohnsitz', 'Meldebehörde'],
    service: 'anmeldung-wohnsitz',
    start: true,
    votes: [198, 14],
  },
  {
    topic: 'umzug-meldewesen',
    de: [
      'Was ist eine Wohnungsgeberbestätigung?',
      'Mit der Wohnungsgeberbestätigung bestätigt Ihr Vermieter (oder wer Ihnen die Wohnung überlässt), dass Sie eingezogen sind. Sie ist bei jeder Anmeldung Pflicht. Das Formular gibt es bei der Stadt zum Herunterladen; Ihr Vermieter füllt es aus und unterschreibt.',
    ],
    en: [
      'What is a landlord’s confirmation (Wohnungsgeberbestätigung)?',
      'With this form your landlord (or whoever lets you live in the flat) confirms that you have moved in. It is required for every registration. The form can be downloaded from the city; your landlord fills it in and signs it.',
    ],
    synonyms: ['Vermieterbescheinigung', 'Einzugsbestätigung', 'Wohnungsgeber'],
    votes: [88, 9],
  },
  {
    topic: 'umzug-meldewesen',
    de: [
      'Muss ich mich abmelden, wenn ich innerhalb Deutschlands umziehe?',
      'Nein. Wenn Sie innerhalb Deutschlands umziehen, melden Sie sich nur am neuen Wohnort an; die Abmeldung in Bielefeld geschieht dann automatisch. Abmelden müssen Sie sich nur, wenn Sie ins Ausland ziehen oder eine Nebenwohnung aufgeben.',
    ],
    en: [
      'Do I need to deregister when moving within Germany?',
      'No. When you move within Germany, you only register at your new place of residence; deregistration in Bielefeld happens automatically. You only need to deregister when you move abroad or give up a secondary residence.',
    ],
    synonyms: ['Abmeldung', 'Wegzug', 'Ausland'],
    votes: [73, 5],
  },
  {
    topic: 'umzug-meldewesen',
    de: [
      'Wie bekomme ich eine Meldebescheinigung?',
      'Eine Meldebescheinigung erhalten Sie im BürgerServiceCenter mit Termin. Die einfache Meldebescheinigung können Sie mit der Online-Ausweisfunktion auch online beantragen; sie kommt dann per Post oder als PDF.',
    ],
    synonyms: ['Meldebestätigung', 'Wohnsitzbescheinigung', 'Aufenthaltsbescheinigung'],
    votes: [52, 17],
  },
  {
    topic: 'umzug-meldewesen',
    de: [
      'Brauche ich eine Zweitwohnung anzumelden, wenn ich in Bielefeld studiere?',
      'Ja, auch eine Wohnung nur für das Studium müssen Sie anmelden — als Haupt- oder Nebenwohnung, je nachdem, wo Sie sich überwiegend aufhalten. Für eine Nebenwohnung in Bielefeld fällt Zweitwohnungsteuer an. Viele Studierende melden deshalb Bielefeld als Hauptwohnung an.',
    ],
    en: [
      'Do I have to register a second home if I study in Bielefeld?',
      'Yes, a flat used only while studying must be registered too — as main or secondary residence, depending on where you mostly live. A secondary residence in Bielefeld is subject to second-home tax. Many students therefore register Bielefeld as their main residence.',
    ],
    synonyms: ['Nebenwohnsitz', 'Zweitwohnsitz', 'Studium', 'Studierende'],
    votes: [44, 19],
  },
];
