import type { FastifyMultipartOptions, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { csrfCookieName } from '../../../platform/http/security.js';
import { maxPhotos } from '../core/photos.js';
import type { UploadedFile } from './citizen-form.js';

// The report form's multipart bodies. Only sending the report (POST /melden) keeps photos; the no-JavaScript
// steps and "this is my concern too" get the same form (the browser sends its photos along) but only count them
// (so the form can ask for them again) and stream them away unread, never holding them in memory.

/** Keeps each photo with its size problem instead of failing the request, so the form can say which. */
export async function keepPhoto(part: MultipartFile): Promise<void> {
  const data = await part.toBuffer();
  const file: UploadedFile = { filename: part.filename, data, truncated: part.file.truncated };
  (part as unknown as { value: UploadedFile }).value = file;
}

interface DroppedFile {
  dropped: boolean;
}

/** Streams a file part away, noting only whether the browser sent one (an empty file input sends no bytes). */
export async function dropFile(part: MultipartFile): Promise<void> {
  let bytes = 0;
  for await (const chunk of part.file) bytes += (chunk as Buffer).length;
  const file: DroppedFile = { dropped: bytes > 0 || Boolean(part.filename) };
  (part as unknown as { value: DroppedFile }).value = file;
}

/** How many photos a form without them carried (streamed away by dropFile). */
export function droppedFiles(body: Record<string, unknown>): number {
  const v = body.photos;
  return (Array.isArray(v) ? v : [v]).filter((f) => (f as DroppedFile | undefined)?.dropped === true).length;
}

/**
 * Limits of the report form: one more file than allowed, so "too many" is a message beside the field. Text fields
 * are kept in memory, so they are few and small (the description is at most 4,000 characters).
 */
export function formLimits(deps: Deps): FastifyMultipartOptions['limits'] {
  return { fileSize: deps.config.reports.photoMaxBytes, files: maxPhotos + 1, fields: 100, fieldSize: 20_000 };
}

/**
 * Before the body is read: a form post without the CSRF cookie cannot pass the CSRF check, and a body larger than
 * the whole form can be (the write limit for its fields plus its photos) is refused by its declared length (413),
 * so neither costs reading megabytes. The token itself travels in the body and is checked after parsing.
 */
export function guardFormBody(deps: Deps) {
  const maxBytes = deps.config.bodyLimitBytes + (maxPhotos + 1) * deps.config.reports.photoMaxBytes;
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.cookies[csrfCookieName]) {
      throw new AppError('csrf_invalid', 'The form has expired or was not sent from this site; please try again');
    }
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes) {
      throw new AppError('payload_too_large', 'The request body is too large');
    }
  };
}
