import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientIp } from '../../src/http/client-ip.js';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('the client address', () => {
  it('is the peer when no proxy is trusted, whatever the header claims', () => {
    expect(createClientIp(false)(request('::ffff:198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
  });

  it('is the last entry behind exactly one proxy of any address (TRUST_PROXY=true)', () => {
    expect(createClientIp(true)(request('10.1.2.3', 'spoofed, 198.51.100.7'))).toBe('198.51.100.7');
    expect(createClientIp(true)(request('10.1.2.3'))).toBe('10.1.2.3');
  });

  it('is the first address from the right that is not a trusted proxy, and only trusted peers are believed', () => {
    const clientIp = createClientIp(['10.0.0.0/8', '172.30.0.10', 'fd00::/8']);
    // A client behind two of our proxies, claiming to be someone else.
    expect(clientIp(request('::ffff:172.30.0.10', '203.0.113.1, 198.51.100.7, 10.4.4.4'))).toBe('198.51.100.7');
    expect(clientIp(request('fd00::1', '2001:db8::5'))).toBe('2001:db8::5');
    // Nothing but proxies: the leftmost is as far as the chain goes.
    expect(clientIp(request('10.0.0.2', '10.0.0.9, 10.0.0.3'))).toBe('10.0.0.9');
    // An untrusted peer's header is not read at all.
    expect(clientIp(request('198.51.100.7', '10.0.0.9'))).toBe('198.51.100.7');
    // A trusted proxy speaking for itself (a health check).
    expect(clientIp(request('10.0.0.2'))).toBe('10.0.0.2');
  });
});
