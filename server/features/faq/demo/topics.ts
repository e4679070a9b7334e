/** The demo topics in their order: slug, German and English name. */
export const demoTopics = [
  ['buergerservice', 'BürgerServiceCenter', 'Citizen service centre (BSC)'],
  ['ausweise-paesse', 'Ausweise & Pässe', 'ID cards & passports'],
  ['umzug-meldewesen', 'Umzug & Meldewesen', 'Moving & registration'],
  ['abfall', 'Abfall', 'Waste'],
  ['parken-verkehr', 'Parken & Verkehr', 'Parking & traffic'],
  ['kfz', 'Kfz-Zulassung & Führerschein', 'Vehicle registration & driving licence'],
  ['familie', 'Familie', 'Family'],
  ['steuern-gebuehren', 'Steuern & Gebühren', 'Taxes & fees'],
  ['app-datenschutz', 'App & Datenschutz', 'App & data protection'],
] as const;
