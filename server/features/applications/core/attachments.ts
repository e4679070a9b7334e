import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { AttachmentType } from './definition.js';

// Attachments are checked by what they are, not by their name or the type the browser claims: a PDF starts with
// "%PDF-" and ends with "%%EOF"; an image must decode as the format it claims (sharp reads its header).

export interface CheckedFile {
  contentType: AttachmentType;
  sha256: string;
}

/** The file's real type if it is one of `accept`, else undefined (a disguised or unsupported file). */
export async function sniffAttachment(
  bytes: Buffer,
  accept: readonly AttachmentType[],
): Promise<CheckedFile | undefined> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
    return accept.includes('application/pdf') && tail.includes('%%EOF')
      ? { contentType: 'application/pdf', sha256 }
      : undefined;
  }
  try {
    const { format, width, height } = await sharp(bytes, { limitInputPixels: 50_000_000 }).metadata();
    const type = format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : undefined;
    if (!type || !width || !height || !accept.includes(type)) return undefined;
    return { contentType: type, sha256 };
  } catch {
    return undefined;
  }
}

/** A file name safe to show and store: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'datei';
}
