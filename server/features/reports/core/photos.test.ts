import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngBomb } from '../../../test/factories/png-bomb.js';
import { PhotoError, processPhoto } from './photos.js';

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };

const problem = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof PhotoError ? e.problem : `unexpected ${String(e)}`),
  );

describe('processPhoto', () => {
  it('strips EXIF and GPS, turns the image upright and shrinks it to 1600 px', async () => {
    // 3000 × 2000 landscape pixels stored with EXIF orientation 6 (rotate 90°), a camera model and a GPS position.
    const input = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c33' } })
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: 'TestCam', Model: 'Secret Model 9' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '8/1 32/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif?.toString('latin1')).toContain('Secret Model 9');
    expect(before.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825) is in the upload's EXIF, in either byte order.
    const gpsTag = (b: Buffer) => b.includes(Buffer.from([0x25, 0x88])) || b.includes(Buffer.from([0x88, 0x25]));
    expect(gpsTag(before.exif as Buffer)).toBe(true);

    const out = await processPhoto(input, limits);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.data.includes(Buffer.from('Secret Model 9'))).toBe(false);
    expect(out.data.includes(Buffer.from('Exif\0\0'))).toBe(false);
    // Upright: portrait now, longest side 1600.
    expect([out.width, out.height]).toEqual([1067, 1600]);
    expect([meta.width, meta.height]).toEqual([1067, 1600]);
    const thumb = await sharp(out.thumbnail).metadata();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(320);
    expect(thumb.exif).toBeUndefined();
  });

  it('accepts PNG and WebP by content, never enlarges, and re-encodes as JPEG', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#0a0c' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 50, height: 20, channels: 3, background: '#00f' } })
      .webp()
      .toBuffer();
    for (const [buf, w, h] of [
      [png, 40, 30],
      [webp, 50, 20],
    ] as const) {
      const out = await processPhoto(buf, limits);
      expect(out.contentType).toBe('image/jpeg');
      expect([out.width, out.height]).toEqual([w, h]);
      expect((await sharp(out.data).metadata()).format).toBe('jpeg');
    }
  });

  it('refuses a text file, a GIF, a truncated JPEG, an oversized file and a decompression bomb', async () => {
    expect(await problem(processPhoto(Buffer.from('Hallo, ich bin kein Bild.\n'), limits))).toBe(
      'reports-core.errors.photo_not_image',
    );
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect(await problem(processPhoto(gif, limits))).toBe('reports-core.errors.photo_not_image');
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    expect(await problem(processPhoto(jpeg.subarray(0, 200), limits))).toMatch(
      /reports-core\.errors\.photo_(broken|not_image)/,
    );
    expect(await problem(processPhoto(jpeg, { ...limits, maxBytes: jpeg.length - 1 }))).toBe(
      'reports-core.errors.photo_too_large',
    );
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200_000);
    // refused from the header, before decoding (its speed: npm run bench:seed)
    expect(await problem(processPhoto(bomb, limits))).toBe('reports-core.errors.photo_too_many_pixels');
  });
});
