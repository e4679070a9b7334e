/** A feed answered, but not in the format its source is configured with. */
export class FeedFormatError extends Error {}
