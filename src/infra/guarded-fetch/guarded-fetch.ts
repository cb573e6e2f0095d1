import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

/** Why a guarded fetch gave up; each is the caller's to report, none is a bug. */
export type GuardedFetchFailure = 'BLOCKED_ADDRESS' | 'UNREACHABLE' | 'TIMEOUT' | 'TOO_LARGE' | 'WRONG_TYPE' | 'HTTP_ERROR' | 'TOO_MANY_REDIRECTS';

export class GuardedFetchError extends Error {
  constructor(
    readonly reason: GuardedFetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'GuardedFetchError';
  }
}

export interface GuardedFetchLimits {
  policy: AddressPolicy;
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** For everything: resolving, connecting, every redirect and the whole body. */
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface GuardedResponse {
  /** The URL the body came from, after redirects. */
  url: string;
  contentType: string;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET of a URL someone else chose, made safe to run from inside our network. The name is resolved
 * here and every address checked against the policy; the connection then goes to the address that
 * was checked (the request's `lookup` answers it), so a second resolution cannot swap in another
 * (DNS rebinding). Every redirect goes through the same checks. The body is read as a stream and
 * dropped at `maxBytes`; one deadline covers the whole exchange.
 */
export async function guardedFetch(url: string, accept: (contentType: string) => boolean, limits: GuardedFetchLimits): Promise<GuardedResponse> {
  const deadline = AbortSignal.timeout(limits.totalTimeoutMs);
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const response = await request(current, limits, deadline);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode ?? 0) && location) {
      response.destroy();
      if (redirects >= limits.maxRedirects) throw new GuardedFetchError('TOO_MANY_REDIRECTS', `more than ${limits.maxRedirects} redirects`);
      current = new URL(location, current);
      continue;
    }
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      response.destroy();
      throw new GuardedFetchError('HTTP_ERROR', `the server answered HTTP ${status}`);
    }
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!accept(contentType)) {
      response.destroy();
      throw new GuardedFetchError('WRONG_TYPE', `unexpected content type "${contentType || 'none'}"`);
    }
    return { url: current.href, contentType, body: await readLimited(response, limits.maxBytes, deadline) };
  }
}

async function request(url: URL, limits: GuardedFetchLimits, deadline: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GuardedFetchError('BLOCKED_ADDRESS', `${url.protocol} URLs are not fetched`);
  if (url.username || url.password) throw new GuardedFetchError('BLOCKED_ADDRESS', 'URLs with credentials are not fetched');
  const address = await checkedAddress(url.hostname.replace(/^\[|\]$/g, ''), limits.policy, deadline);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const family = isIP(address);
    if (options.all) (callback as (e: null, all: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method: 'GET',
      lookup: pinned,
      signal: deadline,
      headers: { accept: '*/*', 'user-agent': 'linkedin-posts-api link preview' },
    });
    const connectTimer = setTimeout(() => req.destroy(new GuardedFetchError('TIMEOUT', 'connecting took too long')), limits.connectTimeoutMs);
    req.on('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)));
    req.on('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    req.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(failure(error, deadline));
    });
    req.end();
  });
}

/** The one address the connection will use, after checking every address the name has. */
async function checkedAddress(hostname: string, policy: AddressPolicy, deadline: AbortSignal): Promise<string> {
  let addresses: string[];
  if (isIP(hostname)) addresses = [hostname];
  else {
    try {
      addresses = (await abortable(dnsLookup(hostname, { all: true, verbatim: true }), deadline)).map((entry) => entry.address);
    } catch (error) {
      throw failure(error, deadline);
    }
  }
  // All of them, not just the first: a name with one public and one private address is refused.
  const blocked = addresses.find((address) => !policy.allows(address));
  if (blocked || addresses.length === 0) throw new GuardedFetchError('BLOCKED_ADDRESS', `${hostname} resolves to an address that is not public`);
  return addresses[0] as string;
}

async function readLimited(response: IncomingMessage, maxBytes: number, deadline: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new GuardedFetchError('TOO_LARGE', `the body is over ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        throw new GuardedFetchError('TOO_LARGE', `the body is over ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw failure(error, deadline);
  }
  return Buffer.concat(chunks);
}

function failure(error: unknown, deadline: AbortSignal): GuardedFetchError {
  if (error instanceof GuardedFetchError) return error;
  if (deadline.aborted) return new GuardedFetchError('TIMEOUT', 'the page took too long');
  return new GuardedFetchError('UNREACHABLE', `could not reach the server (${(error as { code?: string }).code ?? 'network error'})`);
}

/** A resolver that ignores signals (dns.lookup) raced against the deadline, leaving no listener behind. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
