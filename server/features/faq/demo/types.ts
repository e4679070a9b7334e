/** A demo question: German question and answer (Markdown), optionally English, synonyms, a service, the counts. */
export interface DemoQuestion {
  topic: string;
  de: [question: string, answer: string];
  en?: [question: string, answer: string];
  synonyms: string[];
  service?: string;
  /** Shown on the start page. */
  start?: boolean;
  /** "Was this helpful?" answers so far: yes, no. */
  votes: [number, number];
}
