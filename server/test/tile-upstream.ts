import { writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { zxyToTileId } from 'pmtiles';
import sharp from 'sharp';

// A local stand-in for a map tile server (basemap.de and the like) in tests and local demos: it draws a 256 px PNG
// per tile (a colour from z/x/y, a grid line and the tile's numbers; with `noise`, random pixels that do not
// compress, for cache-size tests), counts requests per path, and can fail, hang or refuse connections.

export type UpstreamMode = 'up' | 'error' | 'down' | 'hang' | 'not-an-image';

export interface TileUpstream {
  /** The URL template to configure as MAP_TILES_UPSTREAM (…/{z}/{x}/{y}.png). */
  template: string;
  /** Requests per path (/z/x/y.png), including failed ones. */
  counts: Map<string, number>;
  /** All requests so far. */
  total(): number;
  /** up: tiles; error: 500; down: connections are cut (unreachable); hang: no answer; not-an-image: text. */
  setMode(mode: UpstreamMode): void;
  /** Waits this long before answering (concurrency tests). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/** Draws one tile: its own colour, a border and "z/x/y" in the middle. */
export async function drawTile(z: number, x: number, y: number, noise = false): Promise<Buffer> {
  if (noise) {
    const raw = Buffer.alloc(256 * 256 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(Math.random() * 256);
    return sharp(raw, { raw: { width: 256, height: 256, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
  }
  const hue = (x * 47 + y * 89 + z * 13) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <rect width="256" height="256" fill="hsl(${hue}, 45%, 85%)"/>
    <rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#777" stroke-width="1"/>
    <text x="128" y="136" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#333">${z}/${x}/${y}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Starts the stand-in on a free local port. */
export async function startTileUpstream(options: { noise?: boolean } = {}): Promise<TileUpstream> {
  let mode: UpstreamMode = 'up';
  let delay = 0;
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (mode === 'error') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream failure');
      return;
    }
    if (mode === 'not-an-image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end('<html>maintenance</html>');
      return;
    }
    const m = path.match(/^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const body = await drawTile(Number(m[1]), Number(m[2]), Number(m[3]), options.noise);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    template: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    setMode(next) {
      mode = next;
      if (next !== 'hang') {
        for (const res of hanging) res.destroy();
        hanging.clear();
      }
    },
    setDelay(ms) {
      delay = ms;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return out;
}

/**
 * Writes a small raster PMTiles v3 archive (uncompressed directory, PNG tiles drawn like the stand-in's) holding
 * exactly the given tiles: the self-hosted alternative to an upstream, for tests.
 */
export async function writePmtiles(path: string, tiles: { z: number; x: number; y: number }[]): Promise<void> {
  const entries = await Promise.all(
    tiles.map(async (t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y), data: await drawTile(t.z, t.x, t.y) })),
  );
  entries.sort((a, b) => a.id - b.id);
  let offset = 0;
  const placed = entries.map((e) => {
    const at = offset;
    offset += e.data.length;
    return { ...e, offset: at };
  });
  const directory = Buffer.from([
    ...varints([placed.length]),
    ...varints(placed.map((e, i) => e.id - (i > 0 ? placed[i - 1]!.id : 0))),
    ...varints(placed.map(() => 1)),
    ...varints(placed.map((e) => e.data.length)),
    // 0 = right after the previous tile, else offset + 1.
    ...varints(placed.map((e, i) => (i > 0 ? 0 : e.offset + 1))),
  ]);
  const metadata = Buffer.from('{}');
  const tileData = Buffer.concat(placed.map((e) => e.data));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  const rootAt = 127;
  const metaAt = rootAt + directory.length;
  const dataAt = metaAt + metadata.length;
  u64(8, rootAt);
  u64(16, directory.length);
  u64(24, metaAt);
  u64(32, metadata.length);
  u64(40, dataAt);
  u64(48, 0);
  u64(56, dataAt);
  u64(64, tileData.length);
  for (const at of [72, 80, 88]) u64(at, placed.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: PNG
  const zooms = placed.map((e) => e.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  header.writeInt32LE(-180e7, 102);
  header.writeInt32LE(-85e7, 106);
  header.writeInt32LE(180e7, 110);
  header.writeInt32LE(85e7, 114);
  await writeFile(path, Buffer.concat([header, directory, metadata, tileData]));
}
