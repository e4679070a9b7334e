import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// SSRF guard for push endpoints (and for the images news feeds name). Any public https URL is a valid push service
// (browsers' and UnifiedPush distributors' alike), so there is no allow-list: instead every address a host name
// resolves to must be public.
// The same check runs again when a connection is made (see guardedLookup), so a name that resolves differently
// later (DNS rebinding) is still refused.

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Whether an IP address is one a push endpoint may not reach (loopback, private, link-local, CGNAT, multicast …). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:xxxx:xxxx) and NAT64 (64:ff9b::/96) addresses carry an IPv4 address.
  const embedded = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (embedded) {
    if (embedded[1]) return blocked.check(embedded[1], 'ipv4');
    const n = (Number.parseInt(embedded[2]!, 16) << 16) | Number.parseInt(embedded[3]!, 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return blocked.check(lower, 'ipv6');
}

export type EndpointProblem = 'invalid' | 'not_https' | 'forbidden_address' | 'unresolvable';

export type Resolve = (host: string) => Promise<string[]>;

const resolveAll: Resolve = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address))));
  });

/**
 * Checks a push endpoint: an absolute https URL without credentials whose host resolves only to public addresses.
 * With `allowPrivate` (test mode, bench) http and private addresses pass. Returns the problem or undefined.
 */
export async function checkEndpoint(
  endpoint: string,
  options: { allowPrivate: boolean; resolve?: Resolve },
): Promise<EndpointProblem | undefined> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.hash || endpoint.length > 2048) return 'invalid';
  if (url.protocol !== 'https:' && !(options.allowPrivate && url.protocol === 'http:')) return 'not_https';
  if (options.allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return isForbiddenAddress(host) ? 'forbidden_address' : undefined;
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) return 'unresolvable';
  return addresses.some(isForbiddenAddress) ? 'forbidden_address' : undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for sockets that refuses forbidden addresses at connect time (after DNS, so rebinding is caught). */
export function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad || addresses.length === 0) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a forbidden address`);
      refused.code = 'EPUSHFORBIDDEN';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
