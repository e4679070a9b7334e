import sharp, { type Metadata } from 'sharp';

/** Longest side of a stored photo and of its thumbnail, in pixels; JPEG quality of both. */
export const photoMaxSide = 1600;
export const thumbnailMaxSide = 320;
const quality = 80;
export const maxPhotos = 3;

export interface ProcessedPhoto {
  contentType: 'image/jpeg';
  data: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/** Why an upload was refused; the value is the i18n key of the message beside the field. */
export type PhotoProblem =
  | 'reports-core.errors.photo_too_large'
  | 'reports-core.errors.photo_not_image'
  | 'reports-core.errors.photo_too_many_pixels'
  | 'reports-core.errors.photo_broken';

export class PhotoError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(problem);
  }
}

const accepted = new Set(['jpeg', 'png', 'webp']);

/**
 * Checks an upload by its content (JPEG, PNG or WebP; never by name), refuses files over maxBytes and images
 * over maxPixels before decoding them (decompression bombs), turns it upright by its EXIF orientation, shrinks
 * it to fit 1600 × 1600 (never enlarges) and re-encodes it as JPEG without any metadata (EXIF, GPS, ICC, XMP),
 * plus a 320 px thumbnail. The upload itself is not kept. Throws PhotoError.
 */
export async function processPhoto(
  input: Buffer,
  limits: { maxBytes: number; maxPixels: number },
): Promise<ProcessedPhoto> {
  if (input.length > limits.maxBytes) throw new PhotoError('reports-core.errors.photo_too_large');
  let meta: Metadata;
  try {
    // Reads the header only (no pixels are decoded), so a declared huge size is seen before any decoding.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoError('reports-core.errors.photo_not_image');
  }
  if (!meta.format || !accepted.has(meta.format)) throw new PhotoError('reports-core.errors.photo_not_image');
  if ((meta.width ?? 0) * (meta.height ?? 0) > limits.maxPixels) {
    throw new PhotoError('reports-core.errors.photo_too_many_pixels');
  }
  try {
    const upright = sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: photoMaxSide, height: photoMaxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' });
    const { data, info } = await upright.jpeg({ quality, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: thumbnailMaxSide, height: thumbnailMaxSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70, mozjpeg: true })
      .toBuffer();
    return { contentType: 'image/jpeg', data, thumbnail, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) {
      throw new PhotoError('reports-core.errors.photo_too_many_pixels');
    }
    throw new PhotoError('reports-core.errors.photo_broken');
  }
}
