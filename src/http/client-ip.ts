import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which peers may tell us who the client is (X-Forwarded-For): none, exactly one hop whatever its
 * address (`true`), or the proxies at these addresses and CIDR ranges (the safer choice).
 */
export type TrustedProxies = boolean | readonly string[];

/** `::ffff:10.0.0.1` is 10.0.0.1: sockets report IPv4 peers of a dual-stack server mapped into IPv6. */
const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

function trustList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, bits] = range.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(bits), family);
  }
  return list;
}

const forwardedFor = (req: IncomingMessage) => {
  const header = req.headers['x-forwarded-for'];
  return (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => plain(entry.trim()))
    .filter(Boolean);
};

/**
 * The caller's IP address. Untrusted peers are their own client. Behind proxies, the chain is read
 * from the right (each proxy appends the address it saw): the first address that is not a trusted
 * proxy is the client; earlier entries are whatever the client claimed and are never believed.
 * With `true`, exactly one proxy is assumed: the last entry. Without a socket (in-process calls) it is "local".
 */
export function createClientIp(trusted: TrustedProxies) {
  const list = Array.isArray(trusted) ? trustList(trusted) : undefined;
  const isTrusted = (address: string) => list?.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') ?? false;
  return (req: IncomingMessage | undefined): string => {
    if (!req) return 'local';
    const peer = plain(req.socket.remoteAddress ?? 'unknown');
    if (trusted === false) return peer;
    if (trusted === true) return forwardedFor(req).pop() ?? peer;
    if (!isTrusted(peer)) return peer;
    const chain = forwardedFor(req);
    for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(chain[i]!) || i === 0) return chain[i]!;
    return peer;
  };
}

export type ClientIp = ReturnType<typeof createClientIp>;
