/** The news topics (one typed list: feeds, items, filters, push opt-ins and views are built from it). */
export const newsTopics = ['press', 'traffic', 'roadworks', 'events'] as const;
export type NewsTopic = (typeof newsTopics)[number];

export function isNewsTopic(s: string | undefined): s is NewsTopic {
  return newsTopics.includes(s as NewsTopic);
}
