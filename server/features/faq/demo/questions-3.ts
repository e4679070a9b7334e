import type { DemoQuestion } from './types.js';

// Familie, Steuern & Gebühren, App & Datenschutz.
export const demoQuestions3: DemoQuestion[] = [
  {
    topic: 'familie',
    de: [
      'Wie melde ich die Geburt meines Kindes an?',
      'Kinder, die in Bielefeld geboren werden, meldet in der Regel die Klinik beim Standesamt an. Sie reichen die nötigen Unterlagen (Ausweise, Geburts- bzw. Heiratsurkunde der Eltern) beim Standesamt ein. Danach bekommen Sie die Geburtsurkunden; das Kind wird automatisch mit Ihrer Adresse gemeldet.',
    ],
    en: [
      'How do I register my child’s birth?',
      'For children born in Bielefeld the hospital usually notifies the registry office. You hand in the documents needed (IDs, the parents’ birth or marriage certificates) to the registry office. You then receive the birth certificates; the child is registered at your address automatically.',
    ],
    synonyms: ['Geburt', 'Geburtsurkunde', 'Standesamt', 'Baby'],
    votes: [54, 6],
  },
  {
    topic: 'familie',
    de: [
      'Wie finde ich einen Kita-Platz?',
      'Kita-Plätze vergeben die Kitas selbst. Melden Sie Ihr Kind frühzeitig über das Online-Vormerksystem der Stadt an; dort können Sie mehrere Wunsch-Kitas angeben. Bei Fragen hilft die Kita-Beratung des Jugendamts.',
    ],
    en: [
      'How do I find a place at a day-care centre?',
      'Day-care centres allocate their places themselves. Register your child early through the city’s online pre-registration system, where you can name several preferred centres. The youth welfare office’s day-care advice helps with questions.',
    ],
    synonyms: ['Kita', 'Kindergarten', 'Kinderbetreuung', 'Tagespflege'],
    votes: [66, 48],
  },
  {
    topic: 'familie',
    de: [
      'Wer zahlt Elterngeld und wo beantrage ich es?',
      'Elterngeld beantragen Sie in Nordrhein-Westfalen bei der Elterngeldstelle des Kreises bzw. der kreisfreien Stadt, in Bielefeld beim Amt für soziale Leistungen. Den Antrag können Sie auch online über ElterngeldDigital stellen.',
    ],
    synonyms: ['Elterngeld', 'Elternzeit', 'ElterngeldDigital'],
    votes: [38, 23],
  },
  {
    topic: 'familie',
    de: [
      'Wo bekomme ich eine Geburtsurkunde oder Heiratsurkunde?',
      'Urkunden stellt das Standesamt aus, bei dem die Geburt oder Ehe beurkundet wurde. Für Bielefelder Urkunden können Sie den Antrag online stellen; die Urkunde kommt per Post.',
    ],
    en: [
      'Where do I get a birth or marriage certificate?',
      'Certificates are issued by the registry office where the birth or marriage was recorded. For Bielefeld certificates you can apply online; the certificate is sent by post.',
    ],
    synonyms: ['Urkunde', 'Geburtsurkunde', 'Heiratsurkunde', 'Standesamt'],
    votes: [49, 5],
  },
  {
    topic: 'familie',
    de: [
      'Wie melde ich meinen Hund an?',
      'Hunde müssen innerhalb von zwei Wochen nach Anschaffung oder Zuzug zur Hundesteuer angemeldet werden. Sie bekommen eine Hundesteuermarke, die der Hund sichtbar tragen muss.',
    ],
    en: [
      'How do I register my dog?',
      'Dogs must be registered for dog tax within two weeks of acquiring them or moving here. You receive a dog tax tag that the dog must wear visibly.',
    ],
    synonyms: ['Hund', 'Hundesteuer', 'Hundemarke'],
    service: 'hundesteuer',
    votes: [59, 4],
  },
  {
    topic: 'steuern-gebuehren',
    de: [
      'Wie hoch ist die Hundesteuer in Bielefeld?',
      'Die Höhe der Hundesteuer regelt die Hundesteuersatzung der Stadt Bielefeld. Für jeden weiteren Hund und für gefährliche Hunde gelten höhere Sätze. Für bestimmte Hunde (zum Beispiel Blindenführhunde) gibt es eine Befreiung auf Antrag.',
    ],
    synonyms: ['Hundesteuer', 'Steuer Hund'],
    service: 'hundesteuer',
    votes: [37, 22],
  },
  {
    topic: 'steuern-gebuehren',
    de: [
      'Wann ist die Grundsteuer fällig?',
      'Die Grundsteuer wird in vier Raten fällig: am 15. Februar, 15. Mai, 15. August und 15. November. Auf Antrag können Sie sie auch einmal jährlich zum 1. Juli zahlen. Am einfachsten ist ein SEPA-Lastschriftmandat.',
    ],
    en: [
      'When is property tax due?',
      'Property tax is due in four instalments: on 15 February, 15 May, 15 August and 15 November. On request you can also pay once a year on 1 July. The easiest way is a SEPA direct debit mandate.',
    ],
    synonyms: ['Grundsteuer', 'Fälligkeit', 'Grundbesitzabgaben'],
    votes: [52, 8],
  },
  {
    topic: 'steuern-gebuehren',
    de: [
      'Ich habe einen Bescheid bekommen, den ich nicht verstehe. An wen wende ich mich?',
      'Auf jedem Bescheid stehen die zuständige Stelle und eine Telefonnummer. Rufen Sie dort an, bevor eine Frist abläuft — viele Fragen lassen sich so schnell klären. Gegen einen Bescheid können Sie innerhalb eines Monats Klage erheben; die Rechtsbehelfsbelehrung steht am Ende des Bescheids.',
    ],
    synonyms: ['Bescheid', 'Widerspruch', 'Klage', 'Frist'],
    votes: [23, 29],
  },
  {
    topic: 'steuern-gebuehren',
    de: [
      'Wie erteile ich der Stadt ein SEPA-Lastschriftmandat?',
      'Füllen Sie das SEPA-Lastschriftmandat der Stadtkasse aus und schicken Sie es unterschrieben per Post oder geben Sie es im BürgerServiceCenter ab. Geben Sie das Kassenzeichen von Ihrem Bescheid an, damit das Mandat richtig zugeordnet wird.',
    ],
    en: [
      'How do I give the city a SEPA direct debit mandate?',
      'Fill in the city treasury’s SEPA direct debit mandate and send it signed by post or hand it in at the citizen service centre. Quote the payment reference (Kassenzeichen) from your notice so the mandate is matched correctly.',
    ],
    synonyms: ['Lastschrift', 'SEPA', 'Einzugsermächtigung', 'Stadtkasse'],
    votes: [31, 3],
  },
  {
    topic: 'steuern-gebuehren',
    de: [
      'Wie setzen sich die Abfallgebühren zusammen?',
      'Die Abfallgebühren zahlt die Eigentümerin oder der Eigentümer des Grundstücks mit den Grundbesitzabgaben. Sie richten sich nach Größe und Leerungsrhythmus der Restabfalltonne; Bio- und Papiertonne sind teilweise enthalten. Mieterinnen und Mieter zahlen sie über die Nebenkosten.',
    ],
    synonyms: ['Müllgebühren', 'Abfallgebühren', 'Nebenkosten'],
    votes: [19, 14],
  },
  {
    topic: 'app-datenschutz',
    de: [
      'Brauche ich ein Konto, um die App zu nutzen?',
      'Nein. Abfallkalender, Mängelmelder, Suche und alle Informationen nutzen Sie ohne Konto. Gespeicherte Adressen und Ihre Meldungen merkt sich nur Ihr Browser.',
    ],
    en: [
      'Do I need an account to use the app?',
      'No. The waste calendar, the defect reporter, the search and all information work without an account. Saved addresses and your reports are remembered only by your browser.',
    ],
    synonyms: ['Konto', 'Registrierung', 'Login', 'anmelden App'],
    votes: [88, 3],
  },
  {
    topic: 'app-datenschutz',
    de: [
      'Welche Daten speichert die App über mich?',
      'So wenig wie möglich. Bei einer Mängelmeldung speichern wir Ort, Beschreibung, Fotos und — nur wenn Sie sie angeben — Ihre Kontaktdaten. Personenbezogene Daten werden nach Abschluss der Meldung nach festen Fristen gelöscht. Push-Erinnerungen kommen ohne Namen oder E-Mail-Adresse aus. Alles Weitere steht in der [Datenschutzerklärung](/datenschutz).',
    ],
    en: [
      'What data does the app store about me?',
      'As little as possible. For a defect report we store the place, description, photos and — only if you give them — your contact details. Personal data is deleted after fixed periods once the report is closed. Push reminders work without a name or e-mail address. Everything else is in the [privacy notice](/datenschutz).',
    ],
    synonyms: ['Datenschutz', 'DSGVO', 'personenbezogene Daten', 'Löschung'],
    votes: [71, 6],
  },
  {
    topic: 'app-datenschutz',
    de: [
      'Wie schalte ich Push-Benachrichtigungen wieder ab?',
      'Auf der Seite Ihrer Erinnerungen können Sie jede Erinnerung ändern oder beenden. Sie können Benachrichtigungen auch in den Einstellungen Ihres Browsers oder Telefons für diese App ausschalten.',
    ],
    en: [
      'How do I switch push notifications off again?',
      'On your reminders page you can change or end every reminder. You can also turn off notifications for this app in your browser’s or phone’s settings.',
    ],
    synonyms: ['Push', 'Benachrichtigung', 'abbestellen', 'Erinnerung beenden'],
    votes: [42, 18],
  },
  {
    topic: 'app-datenschutz',
    de: [
      'Funktioniert die App auch ohne Internet?',
      'Teilweise. Seiten, die Sie schon geöffnet haben, zeigt die App auch offline. Eine Mängelmeldung, die Sie ohne Verbindung abschicken, wird gesendet, sobald Sie wieder online sind.',
    ],
    synonyms: ['offline', 'ohne Internet', 'Funkloch'],
    votes: [26, 11],
  },
  {
    topic: 'app-datenschutz',
    de: [
      'Ist die App barrierefrei?',
      'Wir prüfen alle Seiten nach den Anforderungen der BITV NRW (WCAG 2.1 AA). Erklärungen gibt es in Leichter Sprache und in Deutscher Gebärdensprache. Barrieren melden Sie uns bitte über die [Erklärung zur Barrierefreiheit](/barrierefreiheit).',
    ],
    en: [
      'Is the app accessible?',
      'We check every page against the requirements of the BITV NRW (WCAG 2.1 AA). Explanations are available in Easy German and German Sign Language. Please report barriers through the [accessibility statement](/barrierefreiheit).',
    ],
    synonyms: ['Barrierefreiheit', 'Leichte Sprache', 'Screenreader', 'Gebärdensprache'],
    votes: [34, 2],
  },
];
