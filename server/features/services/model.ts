import type { OpeningRule } from '../waste/info/opening-hours.js';

// The shapes of offices and services: one home for the topic list, the texts' languages and the field limits.

/** Topics and life situations a service is filed under (the A–Z page filters by them). */
export const serviceTopics = [
  'documents',
  'moving',
  'family',
  'vehicles',
  'building',
  'social',
  'business',
  'environment',
  'citizenship',
  'taxes',
  'education',
  'order',
] as const;
export type ServiceTopic = (typeof serviceTopics)[number];

export const isServiceTopic = (s: string): s is ServiceTopic => (serviceTopics as readonly string[]).includes(s);

/** A text in German and, where there is one, in English. */
export interface LocalText {
  de: string;
  en?: string;
}

export interface LocalList {
  de: string[];
  en?: string[];
}

/** An office as editors, imports and the demo data give it. */
export interface OfficeInput {
  key: string;
  name: LocalText;
  street: string;
  postcode: string;
  city: string;
  postalAddress: string;
  phone: string;
  email: string;
  hours: OpeningRule[];
  hoursNote: LocalText;
  accessibility: LocalText;
  appointmentUrl: string;
  lat: number | null;
  lon: number | null;
}

/** A service as editors, imports and the demo data give it; `office` is the responsible office's key. */
export interface ServiceInput {
  slug: string;
  name: LocalText;
  synonyms: string[];
  summary: LocalText;
  description: LocalText;
  leistungsschluessel: string;
  office: string;
  documents: LocalList;
  fees: LocalText;
  processingTime: LocalText;
  legalBasis: string;
  topics: ServiceTopic[];
  onlineUrl: string;
  onlineLabel: LocalText;
  appointmentUrl: string;
}

export interface Office extends OfficeInput {
  id: number;
  updatedAt: Date;
}

export interface Service extends Omit<ServiceInput, 'office'> {
  id: number;
  officeId: number;
  updatedAt: Date;
}

export const limits = {
  name: 200,
  short: 600,
  long: 8000,
  line: 300,
  synonyms: 30,
  documents: 30,
  url: 500,
} as const;

/** The text in a language, and whether it is the German text standing in for a missing one. */
export function localText(text: LocalText, lang: string): { text: string; fallback: boolean } {
  const own = lang === 'de' ? text.de : text.en;
  if (own) return { text: own, fallback: false };
  return { text: text.de, fallback: lang !== 'de' && Boolean(text.de) };
}
