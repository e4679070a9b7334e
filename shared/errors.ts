/** Stable error codes shared by server and browser code, with the HTTP status each maps to. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field path (e.g. "email" or "address.street") → human-readable message. */
export type FieldErrors = Record<string, string>;

/** RFC 9457 problem details as the API answers them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  errors?: { field: string; message: string }[];
}

export const problemType = (code: ErrorCode): string => `urn:buergerservice:problem:${code}`;
