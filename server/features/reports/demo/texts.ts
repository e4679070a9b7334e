// Texts for the demo reports (seeded with the Bielefeld demo data): what citizens typically write, per category,
// with the answers to the category's required questions. No names, e-mail addresses, phone numbers or number
// plates — demo reports carry no personal data at all.

export interface DemoReportTemplate {
  text: string;
  answers?: Record<string, string>;
  /** Only for reports handed to this external body (its name in the demo data); never used for other ones. */
  external?: string;
}

export interface DemoCategoryTexts {
  /** How many demo reports of the category (about 200 in all). */
  count: number;
  /** Months (1–12) in which such reports come in; all year when absent. */
  months?: number[];
  /** Prefer done-notes whose title contains this (e.g. "Müll"); otherwise those without it. */
  doneNoteHint?: string;
  templates: DemoReportTemplate[];
}

const db = 'Deutsche Bahn (DB InfraGO)';
const strassenNrw = 'Straßen.NRW';
const mobiel = 'moBiel';
const netz = 'Westfalen Weser Netz';

const a = (key: string, value: string) => ({ [key]: value });

export const demoReportTexts: Record<string, DemoCategoryTexts> = {
  'wilder-muell': {
    count: 32,
    doneNoteHint: 'Müll',
    templates: [
      { text: 'Vor dem Haus liegt seit Tagen ein alter Kühlschrank.', answers: a('abfallart', 'elektroschrott') },
      { text: 'Am Straßenrand wurden mehrere Matratzen abgestellt.', answers: a('abfallart', 'sperrmuell') },
      { text: 'Neben den Glascontainern stapeln sich Müllsäcke.', answers: a('abfallart', 'hausmuell') },
      { text: 'Im Gebüsch am Gehweg liegen mehrere alte Autoreifen.', answers: a('abfallart', 'sonstiges') },
      {
        text: 'Jemand hat Bauschutt und Fliesenreste auf dem Grünstreifen abgeladen.',
        answers: a('abfallart', 'bauschutt'),
      },
      { text: 'Ein altes Sofa steht seit über einer Woche auf dem Gehweg.', answers: a('abfallart', 'sperrmuell') },
      { text: 'Am Waldrand wurden Farbeimer und Kanister entsorgt.', answers: a('abfallart', 'sonderabfall') },
      {
        text: 'Mehrere gelbe Säcke sind aufgerissen, der Inhalt verteilt sich über die Straße.',
        answers: a('abfallart', 'hausmuell'),
      },
      {
        text: 'Ein kaputter Fernseher und ein Monitor stehen an der Bushaltestelle.',
        answers: a('abfallart', 'elektroschrott'),
      },
      {
        text: 'Hinter dem Parkplatz liegt ein Haufen Gartenabfälle und Plastikmüll.',
        answers: a('abfallart', 'sonstiges'),
      },
      { text: 'Neben dem Stromkasten wurde eine Waschmaschine abgestellt.', answers: a('abfallart', 'elektroschrott') },
      { text: 'Am Bachufer liegen mehrere volle Müllsäcke.', answers: a('abfallart', 'hausmuell') },
      {
        text: 'Ein alter Kleiderschrank wurde zerlegt am Straßenrand abgelegt.',
        answers: a('abfallart', 'sperrmuell'),
      },
      { text: 'Auf der Wiese liegen Dachpappe und Gipsplatten.', answers: a('abfallart', 'bauschutt') },
      {
        text: 'Kanister mit einer unbekannten Flüssigkeit stehen am Feldweg.',
        answers: a('abfallart', 'sonderabfall'),
      },
      { text: 'An der Einmündung steht ein Einkaufswagen voller Müll.', answers: a('abfallart', 'sonstiges') },
      { text: 'Ein Stapel alter Teppiche liegt im Wendehammer.', answers: a('abfallart', 'sperrmuell') },
      {
        text: 'Unter der Brücke hat sich wilder Müll angesammelt: Tüten, Dosen und Kartons.',
        answers: a('abfallart', 'hausmuell'),
      },
      {
        text: 'Am Containerplatz wurden Kartons und alte Elektrogeräte abgestellt.',
        answers: a('abfallart', 'elektroschrott'),
      },
      { text: 'Im Grünstreifen liegen mehrere Altöl-Kanister.', answers: a('abfallart', 'sonderabfall') },
      {
        text: 'Ein kaputtes Fahrrad und Sperrmüll versperren den halben Gehweg.',
        answers: a('abfallart', 'sperrmuell'),
      },
      {
        text: 'Eine Schubkarre voll Bauschutt wurde an der Hecke ausgekippt.',
        answers: a('abfallart', 'bauschutt'),
      },
      { text: 'Neben der Parkbank liegt ein Berg Verpackungsmüll.', answers: a('abfallart', 'hausmuell') },
      { text: 'Am Feldrand wurden alte Fenster und Türen abgeladen.', answers: a('abfallart', 'sperrmuell') },
      { text: 'Im Graben neben der Straße liegen Autobatterien.', answers: a('abfallart', 'sonderabfall') },
      {
        text: 'Am Bahndamm liegen mehrere Müllsäcke und ein alter Sessel.',
        answers: a('abfallart', 'sperrmuell'),
        external: db,
      },
      {
        text: 'Entlang der Gleise wurden Reifen und Bauschutt abgeladen.',
        answers: a('abfallart', 'bauschutt'),
        external: db,
      },
    ],
  },
  'abfuhr-vergessen': {
    count: 16,
    doneNoteHint: 'Müll',
    templates: [
      {
        text: 'Die Restmülltonne wurde heute nicht geleert, obwohl sie rechtzeitig draußen stand.',
        answers: a('tonne', 'restmuell'),
      },
      { text: 'Unsere Biotonne wurde am Abfuhrtag übersehen.', answers: a('tonne', 'bio') },
      { text: 'Die Papiertonnen in der ganzen Straße wurden nicht abgeholt.', answers: a('tonne', 'papier') },
      {
        text: 'Die gelben Säcke liegen seit gestern am Straßenrand, die Abfuhr ist ausgefallen.',
        answers: a('tonne', 'gelber-sack'),
      },
      { text: 'Die Restmülltonne wurde nur halb geleert.', answers: a('tonne', 'restmuell') },
      { text: 'Die Biotonne ist schon das zweite Mal in Folge nicht geleert worden.', answers: a('tonne', 'bio') },
      { text: 'Die Altpapiertonne steht noch voll an der Straße.', answers: a('tonne', 'papier') },
      { text: 'Gelbe Säcke wurden im ganzen Block nicht mitgenommen.', answers: a('tonne', 'gelber-sack') },
      {
        text: 'Die Restmülltonnen des Mehrfamilienhauses wurden nicht geleert.',
        answers: a('tonne', 'restmuell'),
      },
      {
        text: 'Das Müllfahrzeug ist an unserer Straße vorbeigefahren, die Tonnen sind noch voll.',
        answers: a('tonne', 'restmuell'),
      },
      { text: 'Die Biotonne wurde nicht geleert, es riecht schon stark.', answers: a('tonne', 'bio') },
      { text: 'Die Papiertonne wurde nach dem Feiertag nicht abgeholt.', answers: a('tonne', 'papier') },
      {
        text: 'Die gelben Säcke liegen verteilt auf dem Gehweg, weil sie nicht abgeholt wurden.',
        answers: a('tonne', 'gelber-sack'),
      },
      { text: 'Die Restmülltonne am Hinterhaus wurde vergessen.', answers: a('tonne', 'restmuell') },
      {
        text: 'Bei uns wurde die Biotonne übersehen, die Tonnen der Nachbarhäuser wurden geleert.',
        answers: a('tonne', 'bio'),
      },
      { text: 'Die blaue Tonne wurde heute nicht geleert.', answers: a('tonne', 'papier') },
      {
        text: 'Die gelben Säcke vom letzten Abholtag liegen immer noch da.',
        answers: a('tonne', 'gelber-sack'),
      },
      {
        text: 'Im Wendehammer wurden die Tonnen nicht geleert, vermutlich kam das Fahrzeug nicht durch.',
        answers: a('tonne', 'restmuell'),
      },
      { text: 'Die Biotonnen in der Sackgasse wurden nicht geleert.', answers: a('tonne', 'bio') },
      {
        text: 'Die Papiertonne war rechtzeitig bereitgestellt, wurde aber nicht geleert.',
        answers: a('tonne', 'papier'),
      },
    ],
  },
  laub: {
    count: 12,
    months: [9, 10, 11, 12, 1],
    templates: [
      { text: 'Der Gehweg ist komplett mit nassem Laub bedeckt und sehr rutschig.' },
      { text: 'Die Straßenabläufe sind mit Laub verstopft, bei Regen steht das Wasser.' },
      { text: 'Auf dem Radweg liegt eine dicke Laubschicht, man rutscht leicht weg.' },
      { text: 'Vor der Grundschule liegt sehr viel Laub auf dem Gehweg.' },
      { text: 'Die Laubhaufen am Straßenrand wurden nicht abgeholt und verteilen sich wieder.' },
      { text: 'An der Bushaltestelle liegt so viel Laub, dass die Bordsteinkante nicht zu erkennen ist.' },
      { text: 'Der Fußweg durch den Park ist unter dem Laub kaum noch zu sehen.' },
      { text: 'Der Gully an der Kreuzung ist mit Laub zugesetzt.' },
      { text: 'Auf der Treppe zur Unterführung liegt rutschiges Laub.' },
      { text: 'Die Laubkörbe an der Allee sind übervoll.' },
      { text: 'Nasses Laub auf dem Radweg, in der Kurve ist es gefährlich glatt.' },
      { text: 'Vor dem Seniorenheim ist der Gehweg voller Laub.' },
      { text: 'Die Rinne am Straßenrand ist voller Laub, das Regenwasser läuft auf den Gehweg.' },
      { text: 'Laub und kleine Äste liegen auf dem gesamten Gehweg entlang der Baumreihe.' },
      { text: 'Am Zebrastreifen liegt eine dicke Schicht Laub.' },
      { text: 'Der Zugang zum Spielplatz ist komplett mit Laub bedeckt.' },
      { text: 'Die Laubsäcke stehen seit zwei Wochen zur Abholung bereit.' },
      { text: 'Auf dem Parkstreifen türmt sich das Laub, die Abläufe sind nicht mehr zu sehen.' },
      { text: 'Die Stufen am Fußweg sind durch das Laub sehr rutschig.' },
      { text: 'An der Haltestelle sammelt sich Laub und verstopft den Ablauf.' },
    ],
  },
  winterdienst: {
    count: 10,
    months: [11, 12, 1, 2, 3],
    templates: [
      { text: 'Der Gehweg ist spiegelglatt und wurde nicht gestreut.' },
      { text: 'Die Straße zur Schule ist nicht geräumt, die Busse kommen kaum durch.' },
      { text: 'Der Radweg ist seit Tagen nicht geräumt und vereist.' },
      { text: 'An der Bushaltestelle liegt festgetretener Schnee, man rutscht beim Einsteigen.' },
      { text: 'Die Treppe zur Fußgängerbrücke ist vereist.' },
      { text: 'Der Räumdienst hat den Schnee auf den Gehweg geschoben, er ist nicht mehr begehbar.' },
      { text: 'Die Steigung in der Straße ist spiegelglatt, Autos kommen nicht mehr hoch.' },
      { text: 'Der Überweg an der Ampel ist nicht geräumt.' },
      { text: 'Am Kreisverkehr ist die Fahrbahn vereist.' },
      { text: 'Der Fußweg zum Bahnhof ist glatt und nicht gestreut.' },
      { text: 'Ein Schneehaufen an der Einmündung versperrt die Sicht.' },
      { text: 'Der Weg zum Friedhof ist nicht geräumt.' },
      { text: 'Die Rampe für Rollstühle am Gehweg ist vereist.' },
      { text: 'Die Nebenstraße wurde seit dem Schneefall nicht geräumt.' },
      { text: 'Der Streugutbehälter an der Steigung ist leer.' },
      { text: 'Der Gehweg vor der Kita ist gefährlich glatt.' },
      { text: 'An der Haltestelle ist der Bordstein unter Schnee und Eis nicht zu erkennen.' },
      { text: 'Der Radweg ist durch Schneewälle halb zugeschoben.' },
      { text: 'Die Brücke ist überfroren und nicht gestreut.' },
      { text: 'In der Fußgängerzone ist es glatt, es wurde nicht gestreut.' },
      { text: 'Die Bundesstraße am Ortsausgang ist nicht geräumt.', external: strassenNrw },
    ],
  },
  strassenschaden: {
    count: 30,
    templates: [
      { text: 'In der Fahrbahn ist ein tiefes Schlagloch, etwa 30 Zentimeter breit.' },
      { text: 'Mehrere Schlaglöcher hintereinander in der rechten Fahrspur.' },
      { text: 'Der Gehweg ist durch Baumwurzeln stark angehoben, es besteht Stolpergefahr.' },
      { text: 'Eine Gehwegplatte ist gebrochen und wackelt.' },
      { text: 'Der Kanaldeckel liegt tiefer als die Fahrbahn und klappert laut, wenn Autos darüberfahren.' },
      { text: 'Am Fahrbahnrand ist der Asphalt abgebrochen.' },
      { text: 'Auf dem Radweg ist ein Riss mit einer tiefen Kante, gefährlich für Radfahrende.' },
      { text: 'Der Bordstein an der Einmündung ist herausgebrochen.' },
      { text: 'Nach den Bauarbeiten wurde die Fahrbahn nur provisorisch geflickt, jetzt sackt sie ab.' },
      { text: 'Im Pflaster der Fußgängerzone fehlen mehrere Steine.' },
      { text: 'Ein Schachtdeckel steht hervor und ist eine Gefahr für Radfahrende.' },
      { text: 'Nach dem Frost sind im Asphalt viele neue Löcher entstanden.' },
      { text: 'Die Absenkung am Überweg ist beschädigt, mit dem Rollator kommt man kaum hinüber.' },
      { text: 'Auf der Brücke löst sich der Fahrbahnbelag.' },
      { text: 'Die Fahrbahn hat tiefe Spurrinnen, bei Regen bildet sich eine große Pfütze.' },
      { text: 'Direkt vor der Bushaltestelle ist ein Schlagloch, die Busse fahren mitten hindurch.' },
      { text: 'Der Gehweg ist abgesackt, es hat sich eine Mulde gebildet.' },
      { text: 'Auf dem Radweg liegt eine lose Platte.' },
      { text: 'Das Regenwasser läuft nicht ab, der Straßenablauf scheint beschädigt zu sein.' },
      { text: 'Die Stufen der Treppe am Fußweg sind an den Kanten abgebrochen.' },
      { text: 'Ein Poller am Gehweg ist umgefahren und liegt auf dem Boden.' },
      { text: 'Das Geländer an der Rampe ist locker und wackelt.' },
      { text: 'Am Übergang zwischen Fahrbahn und Radweg ist eine hohe Kante entstanden.' },
      { text: 'Die Pflastersteine in der Bushaltebucht haben sich gelöst.' },
      { text: 'Auf der Bundesstraße Richtung Ortsausgang ist ein großes Schlagloch.', external: strassenNrw },
      {
        text: 'Neben den Stadtbahnschienen ist der Asphalt abgesackt, es entsteht eine gefährliche Rille.',
        external: mobiel,
      },
    ],
  },
  strassenbeleuchtung: {
    count: 24,
    templates: [
      { text: 'Die Straßenlaterne ist seit mehreren Nächten aus.', answers: a('fehler', 'aus') },
      { text: 'Die Laterne flackert die ganze Nacht.', answers: a('fehler', 'flackert') },
      { text: 'Die Laterne brennt auch tagsüber.', answers: a('fehler', 'brennt-tagsueber') },
      {
        text: 'Mehrere Laternen in der Straße sind ausgefallen, es ist abends sehr dunkel.',
        answers: a('fehler', 'aus'),
      },
      { text: 'Die Beleuchtung im Fußweg zwischen den Häusern ist ausgefallen.', answers: a('fehler', 'aus') },
      { text: 'Die Lampe an der Bushaltestelle geht ständig an und aus.', answers: a('fehler', 'flackert') },
      { text: 'Die Laterne am Spielplatz bleibt dunkel.', answers: a('fehler', 'aus') },
      { text: 'Die Beleuchtung der Unterführung ist defekt, man sieht nichts.', answers: a('fehler', 'aus') },
      { text: 'Der Lampenkopf hängt schief und die Laterne leuchtet nicht mehr.', answers: a('fehler', 'aus') },
      { text: 'Die Laterne am Zebrastreifen flackert stark.', answers: a('fehler', 'flackert') },
      {
        text: 'Die Straßenbeleuchtung bleibt hier seit Tagen auch am Vormittag an.',
        answers: a('fehler', 'brennt-tagsueber'),
      },
      { text: 'Am Radweg durch den Grünzug ist die Hälfte der Lampen aus.', answers: a('fehler', 'aus') },
      { text: 'Die Laterne summt laut und flackert.', answers: a('fehler', 'flackert') },
      {
        text: 'An der Einmündung ist die Laterne ausgefallen, die Ecke ist völlig dunkel.',
        answers: a('fehler', 'aus'),
      },
      { text: 'Die Laterne an der Treppe leuchtet nur noch schwach und flackert.', answers: a('fehler', 'flackert') },
      { text: 'Die Lampe am Parkplatz ist seit Wochen defekt.', answers: a('fehler', 'aus') },
      { text: 'Der Laternenmast ist angefahren worden, steht schräg und leuchtet nicht.', answers: a('fehler', 'aus') },
      { text: 'Die Beleuchtung im Wendehammer ist aus.', answers: a('fehler', 'aus') },
      {
        text: 'Die Laternen in der ganzen Siedlung brennen tagsüber.',
        answers: a('fehler', 'brennt-tagsueber'),
      },
      {
        text: 'Die Klappe am Laternenmast fehlt, Kabel liegen offen, und die Lampe ist aus.',
        answers: a('fehler', 'aus'),
      },
      {
        text: 'Die Laternen der ganzen Straße sind aus, vermutlich eine Störung im Stromnetz.',
        answers: a('fehler', 'aus'),
        external: netz,
      },
      {
        text: 'Seit dem Stromausfall gestern brennen die Laternen im Viertel nicht mehr.',
        answers: a('fehler', 'aus'),
        external: netz,
      },
    ],
  },
  'verkehrszeichen-ampel': {
    count: 14,
    templates: [
      { text: 'Die Fußgängerampel schaltet nicht mehr auf Grün.' },
      { text: 'Das Stoppschild ist verdreht und zeigt in die falsche Richtung.' },
      { text: 'Das Verkehrsschild ist komplett zugewachsen und nicht mehr zu sehen.' },
      { text: 'Die Ampel an der Kreuzung ist ausgefallen, alle Lichter sind aus.' },
      { text: 'Das Vorfahrtsschild wurde umgefahren und liegt im Gebüsch.' },
      { text: 'Der Taster der Fußgängerampel reagiert nicht.' },
      { text: 'Das Tonsignal für blinde Menschen an der Ampel ist ausgefallen.' },
      { text: 'Das Tempo-30-Schild ist mit Aufklebern beklebt und kaum lesbar.' },
      { text: 'Das Schild der Einbahnstraße fehlt an der Einmündung.' },
      { text: 'Das Straßennamensschild ist abgebrochen.' },
      { text: 'Die Markierung am Zebrastreifen ist kaum noch zu erkennen.' },
      { text: 'Der Verkehrsspiegel an der unübersichtlichen Ausfahrt ist zerbrochen.' },
      { text: 'Die Rotphase für Radfahrende ist extrem lang, die Ampel scheint gestört.' },
      { text: 'Das Baustellenschild steht noch, obwohl die Baustelle längst fertig ist.' },
      { text: 'Die gelbe Lampe der Ampel ist defekt.' },
      { text: 'Das Schild „Spielstraße“ wurde abgerissen.' },
      { text: 'Die Haltelinie an der Ampel ist nicht mehr zu sehen.' },
      { text: 'Der Pfosten des Verkehrsschildes ist verbogen und ragt in den Gehweg.' },
      { text: 'Die Radwegmarkierung ist abgefahren und kaum noch zu sehen.' },
      { text: 'Die Ampel an der Autobahnauffahrt ist ausgefallen.', external: strassenNrw },
      { text: 'Am Bahnübergang blinkt das Warnlicht dauerhaft, obwohl kein Zug kommt.', external: db },
      { text: 'Die Anzeigetafel an der Stadtbahnhaltestelle ist dunkel.', external: mobiel },
    ],
  },
  falschparker: {
    count: 18,
    templates: [
      {
        text: 'Ein Auto parkt seit Tagen komplett auf dem Gehweg, mit dem Kinderwagen kommt man nicht vorbei.',
        answers: a('wo', 'gehweg'),
      },
      { text: 'Auf dem Radweg parken regelmäßig Lieferwagen.', answers: a('wo', 'radweg') },
      { text: 'Die Feuerwehrzufahrt ist zugeparkt.', answers: a('wo', 'feuerwehrzufahrt') },
      {
        text: 'Ein Fahrzeug ohne Parkausweis steht auf dem Behindertenparkplatz.',
        answers: a('wo', 'behindertenparkplatz'),
      },
      { text: 'Die Einfahrt ist zugeparkt, wir kommen nicht heraus.', answers: a('wo', 'einfahrt') },
      {
        text: 'Ein Transporter parkt im absoluten Halteverbot an der Kreuzung und nimmt die Sicht.',
        answers: a('wo', 'sonstiges'),
      },
      {
        text: 'Vor der Schule parken morgens Autos auf dem Gehweg und im Kurvenbereich.',
        answers: a('wo', 'gehweg'),
      },
      { text: 'Ein Wohnmobil steht seit Wochen auf dem Gehweg.', answers: a('wo', 'gehweg') },
      { text: 'Der Radfahrstreifen wird als Parkplatz genutzt.', answers: a('wo', 'radweg') },
      {
        text: 'Ein Anhänger ohne Zugfahrzeug steht seit Wochen am Straßenrand.',
        answers: a('wo', 'sonstiges'),
      },
      {
        text: 'Die Rettungszufahrt hinter den Häusern ist blockiert.',
        answers: a('wo', 'feuerwehrzufahrt'),
      },
      { text: 'Autos parken auf dem abgesenkten Bordstein am Überweg.', answers: a('wo', 'gehweg') },
      { text: 'Ein Auto ohne Kennzeichen steht seit Wochen auf dem Parkstreifen.', answers: a('wo', 'sonstiges') },
      {
        text: 'Der Behindertenparkplatz vor der Apotheke ist ständig belegt.',
        answers: a('wo', 'behindertenparkplatz'),
      },
      { text: 'Die Garagenausfahrt ist seit dem Morgen zugeparkt.', answers: a('wo', 'einfahrt') },
      { text: 'Lkw parken über Nacht auf dem Radweg.', answers: a('wo', 'radweg') },
      {
        text: 'In der Feuerwehrzufahrt der Wohnanlage stehen jeden Abend Autos.',
        answers: a('wo', 'feuerwehrzufahrt'),
      },
      {
        text: 'Ein Fahrzeug parkt in der Bushaltestelle, der Bus kann nicht halten.',
        answers: a('wo', 'sonstiges'),
      },
      {
        text: 'Auf dem Gehweg parken Autos so, dass kein Rollstuhl mehr vorbeikommt.',
        answers: a('wo', 'gehweg'),
      },
      { text: 'Ein Kleinbus steht quer vor der Hofeinfahrt.', answers: a('wo', 'einfahrt') },
    ],
  },
  ueberwuchs: {
    count: 16,
    months: [4, 5, 6, 7, 8, 9, 10, 11],
    templates: [
      { text: 'Die Hecke ragt so weit auf den Gehweg, dass man auf die Straße ausweichen muss.' },
      { text: 'Äste hängen tief über den Radweg.' },
      { text: 'Das Verkehrsschild ist durch Sträucher verdeckt.' },
      { text: 'Ein großer Ast ist abgebrochen und hängt im Baum über dem Gehweg.' },
      { text: 'Der Grünstreifen wurde seit Monaten nicht gemäht, das Gras steht kniehoch.' },
      { text: 'Brombeeren wuchern über den Fußweg.' },
      { text: 'Die Sicht an der Ausfahrt ist durch Büsche stark eingeschränkt.' },
      { text: 'Ein Baum hat nach dem Sturm einen Riss im Stamm und neigt sich zur Straße.' },
      { text: 'Der Weg durch den Park ist an beiden Seiten zugewachsen.' },
      { text: 'Unkraut wächst meterhoch aus den Fugen der Verkehrsinsel.' },
      { text: 'Die Straßenlaterne ist von der Baumkrone völlig eingewachsen.' },
      { text: 'Ein umgestürzter Baum liegt quer über dem Fußweg.' },
      { text: 'Der Bach ist durch Pflanzen und Äste zugewachsen, das Wasser staut sich.' },
      { text: 'Die Sitzbank im Grünzug ist von Brennnesseln umwachsen.' },
      { text: 'Totholz hängt über dem Weg zum Spielplatz.' },
      { text: 'Wurzeltriebe und Gestrüpp versperren den halben Gehweg.' },
      { text: 'Die Böschung an der Straße ist verwildert, Äste ragen in die Fahrbahn.' },
      { text: 'Im Baum über dem Parkplatz hängt ein großer abgestorbener Ast.' },
      { text: 'An den Eichen am Weg sind Nester des Eichenprozessionsspinners zu sehen.' },
      { text: 'Die Hecke an der Bushaltestelle verdeckt den Fahrplan.' },
      { text: 'Der Straßenbaum verliert große Äste, er wirkt krank.' },
      { text: 'Bäume vom Bahndamm ragen weit über den Fußweg.', external: db },
    ],
  },
  spielplatz: {
    count: 12,
    templates: [
      { text: 'Die Schaukel hat eine gerissene Kette.' },
      { text: 'Im Sandkasten liegen Glasscherben.' },
      { text: 'Die Rutsche hat einen Riss, Kinder können sich verletzen.' },
      { text: 'Am Klettergerüst fehlt eine Sprosse.' },
      { text: 'Das Wipptier ist locker und wackelt stark.' },
      { text: 'Der Zaun um den Spielplatz ist kaputt, Kinder laufen direkt zur Straße.' },
      { text: 'Der Mülleimer am Spielplatz quillt über.' },
      { text: 'Im Sandkasten liegt Hundekot.' },
      { text: 'Die Seilbahn ist defekt, das Seil hängt durch.' },
      { text: 'Das Tor zum Spielplatz schließt nicht mehr.' },
      { text: 'Eine Sitzbank am Spielplatz ist zerbrochen, Holzsplitter stehen ab.' },
      { text: 'Die Fallschutzmatten unter der Schaukel sind verrutscht und beschädigt.' },
      { text: 'Am Spielhaus ist eine Wand eingetreten.' },
      { text: 'Am Bolzplatz fehlt das Netz an einem Tor.' },
      { text: 'Die Drehscheibe klemmt und lässt sich nicht mehr drehen.' },
      { text: 'Im Gebüsch am Spielplatz liegt eine gebrauchte Spritze.' },
      { text: 'Die Wasserpumpe auf dem Wasserspielplatz funktioniert nicht.' },
      { text: 'Das Schild mit den Spielplatzregeln ist beschmiert.' },
      { text: 'Der Basketballkorb ist abgerissen.' },
      { text: 'An der Kletterwand sind mehrere Griffe lose.' },
    ],
  },
  sonstiges: {
    count: 16,
    templates: [
      { text: 'Die Bank an der Bushaltestelle ist großflächig beschmiert.' },
      { text: 'An der Unterführung sind Graffiti mit beleidigendem Inhalt.' },
      { text: 'Ein öffentlicher Mülleimer ist abgerissen und liegt auf dem Boden.' },
      { text: 'Der Trinkbrunnen am Platz funktioniert nicht.' },
      { text: 'Die öffentliche Toilette am Park ist verschlossen, obwohl sie geöffnet sein sollte.' },
      { text: 'Das Hinweisschild für den Hydranten ist abgefallen.' },
      { text: 'Am Brunnen läuft kein Wasser mehr, das Becken ist verschmutzt.' },
      { text: 'Unter der Brücke nisten viele Tauben, der Gehweg ist stark verschmutzt.' },
      { text: 'Ein Fahrradständer ist aus dem Boden gerissen.' },
      { text: 'Ein Fahrrad ohne Sattel und Räder steht seit Monaten am Fahrradbügel.' },
      { text: 'Am Bachufer sind mehrfach Ratten zu sehen.' },
      { text: 'Die Infotafel am Wanderweg ist umgestürzt.' },
      { text: 'Der Spender für Hundekotbeutel ist seit Wochen leer.' },
      { text: 'Eine Sitzbank im Park ist umgekippt.' },
      { text: 'Am Denkmal sind Buchstaben der Inschrift abgefallen.' },
      { text: 'Die Uhr am Platz geht seit Wochen falsch.' },
      { text: 'Ein Stromverteilerkasten steht offen, Kabel liegen frei.', external: netz },
      { text: 'Das Wartehäuschen an der Haltestelle hat eine zerbrochene Glasscheibe.', external: mobiel },
      { text: 'Der Fahrkartenautomat an der Stadtbahnhaltestelle ist defekt.', external: mobiel },
      { text: 'Der Aufzug zum Bahnsteig ist seit Tagen außer Betrieb.', external: db },
      { text: 'Am Bahnhofsvorplatz ist der Zaun zu den Gleisen beschädigt.', external: db },
      { text: 'Der Hydrant am Gehweg tropft ständig.', external: netz },
    ],
  },
};

/** For categories the demo data does not know (another municipality's tree): generic texts. */
export const genericDemoTexts: DemoCategoryTexts = {
  count: 6,
  templates: [
    { text: 'Hier ist etwas beschädigt und sollte repariert werden.' },
    { text: 'Das Problem besteht seit einigen Tagen.' },
    { text: 'Bitte schauen Sie sich das vor Ort an.' },
  ],
};

/** Sometimes added to a text, as citizens do. */
export const demoAddenda = [
  'Das besteht schon seit mehreren Tagen.',
  'Ich habe es heute Morgen bemerkt.',
  'Das ist nicht das erste Mal.',
  'Vielen Dank im Voraus.',
  'Bitte kümmern Sie sich darum.',
  'Gesehen auf dem Weg zur Arbeit.',
];

/** Internal notes of the back office (never public). */
export const demoInternalNotes = {
  forward: ['Bitte prüfen und erledigen.', 'Bitte vor Ort prüfen.', 'Zuständigkeit laut Routing.'],
  returned: ['Nicht unser Bereich, bitte an das zuständige Amt geben.', 'Fläche liegt nicht in unserer Zuständigkeit.'],
};

/** Weights of the demo districts (about the population); unknown districts weigh 1. */
export const demoDistrictWeights: Record<string, number> = {
  mitte: 5,
  schildesche: 3,
  heepen: 3,
  brackwede: 3,
  stieghorst: 2.5,
  sennestadt: 2,
  senne: 1.5,
  joellenbeck: 1.5,
  dornberg: 1.5,
  gadderbaum: 1,
};
