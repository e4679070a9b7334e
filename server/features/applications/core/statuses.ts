// One list of an application's statuses (what the applicant sees in the mailbox). `received` is set when the
// platform has stored (and, for FIT-Connect, delivered) the application; the office sets the others.
export const applicationStatuses = ['received', 'in_progress', 'documents_requested', 'decided'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const isApplicationStatus = (s: string): s is ApplicationStatus =>
  (applicationStatuses as readonly string[]).includes(s);

/** Where an application goes: the platform's back-office inbox or the office's FIT-Connect destination. */
export const deliveryKinds = ['inbox', 'fit-connect'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];
