import sharp from 'sharp';
import type { Deps } from '../../../platform/deps.js';
import { findNewsImageBySource, insertNewsImage } from '../core/images-queries.js';
import { fetchImage } from './fetch.js';

const maxBytes = 5 * 1024 * 1024;
const maxPixels = 40_000_000;
const maxWidth = 1200;

/**
 * With NEWS_IMAGES=download: the image at `url` fetched (size and pixel limits), re-encoded as WebP without metadata
 * and stored, so pages serve it from our origin. Returns its id, or null when images are dropped or it fails.
 */
export async function downloadNewsImage(deps: Deps, url: string | null): Promise<number | null> {
  if (!url || deps.config.news.images !== 'download') return null;
  const m = deps.config.municipality.id;
  const known = await findNewsImageBySource(deps.db, m, url);
  if (known) return known;
  try {
    const raw = await fetchImage(url, {
      timeoutMs: 10_000,
      maxBytes,
      allowPrivate: deps.config.news.allowPrivateImageHosts,
    });
    const { data, info } = await sharp(raw, { limitInputPixels: maxPixels })
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return await insertNewsImage(deps.db, m, {
      sourceUrl: url,
      contentType: 'image/webp',
      width: info.width,
      height: info.height,
      bytes: data,
      now: deps.now(),
    });
  } catch {
    // A broken image never stops the item: it is shown without one.
    return null;
  }
}
