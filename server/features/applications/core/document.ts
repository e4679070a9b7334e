// The application as the office decrypts it (the JSON inside the JWE), the same whichever side encrypted.

/** The service, the answers with their labels (German, the office's language), the attachments' descriptions. */
export interface ApplicationDocument {
  service: { slug: string; title: string; leistungsschluessel: string; office: string };
  /** Null when the browser encrypted (the reference is given when the application is stored; the inbox shows it). */
  reference: string | null;
  submittedAt: string;
  language: string;
  applicant: { loggedIn: boolean; trustLevel: string | null };
  /** `value` as entered (option keys, ISO dates), `text` as a person reads it (German option labels, dates). */
  answers: { key: string; label: string; value: string | string[]; text: string }[];
  attachments: { id: string; field: string; name: string; contentType: string; size: number; sha256: string }[];
}
