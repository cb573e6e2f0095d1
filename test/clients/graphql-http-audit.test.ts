import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientServer, startClientServer } from './client-server.js';

/**
 * graphql-http's audit of the GraphQL-over-HTTP spec: every MUST and SHOULD passes. The notices it
 * leaves (MAY) are listed, with their reasons, in the README's "GraphQL over HTTP" section.
 */
let s: ClientServer;
beforeAll(async () => {
  s = await startClientServer();
});
afterAll(() => s.t.close());

/** The audit's GETs carry a CSRF-prevention header, as the README tells every GET caller to. */
const withCsrfHeader: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-graphql-csrf', '1');
  return fetch(input, { ...init, headers });
};

/** The MAY audits the server leaves as notices; each is explained in the README. */
const ACCEPTED_NOTICES: string[] = [];

describe('GraphQL over HTTP audit (graphql-http serverAudits)', () => {
  let results: AuditResult[];
  beforeAll(async () => {
    results = [];
    for (const audit of serverAudits({ url: () => s.http, fetchFn: withCsrfHeader })) results.push(await audit.fn());
  });

  it('runs the whole audit', () => {
    expect(results.length).toBeGreaterThan(40);
  });

  it('passes every MUST and SHOULD', () => {
    const failed = results.filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'));
    expect(failed.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
  });

  it('leaves only the notices the README lists', () => {
    const notices = results.filter((result) => result.status !== 'ok' && result.name.startsWith('MAY'));
    expect(notices.map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual(ACCEPTED_NOTICES);
  });
});
