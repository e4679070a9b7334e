import type { Deps } from '../../../platform/deps.js';
import { i18nFor, type Language, supportedLanguages } from '../../../platform/i18n.js';

const isLanguage = (s: string): s is Language => (supportedLanguages as readonly string[]).includes(s);

/** The platform's words to the applicant in the language they applied in (mailbox events are stored as text). */
export const textsFor = (deps: Deps, language: string) =>
  i18nFor(isLanguage(language) ? language : 'de', deps.config.municipality.timeZone).t;
