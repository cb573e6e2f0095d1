import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await createTestApp();
  url = await t.listen();
});
afterAll(() => t?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body });

describe('GraphQL over HTTP', () => {
  it('answers POST and GET queries', async () => {
    const viaPost = await post(JSON.stringify({ query: '{ me { id } }' }));
    expect(viaPost.status).toBe(200);
    expect(await viaPost.json()).toEqual({ data: { me: null } });
    const viaGet = await fetch(`${url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(await viaGet.json()).toEqual({ data: { me: null } });
  });

  it('refuses mutations over GET', async () => {
    const response = await fetch(`${url}/graphql?query=${encodeURIComponent('mutation { deletePost(id: "x") }')}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(response.status).toBe(405);
  });

  it('answers malformed JSON, a missing query and an unknown field with 400 and a message', async () => {
    for (const body of ['{"query": ', '{}', JSON.stringify({ query: '{ nope }' }), JSON.stringify({ query: '{ me { id ' })]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(json.errors[0]?.message).toBeTruthy();
      expect(json.errors[0]?.extensions.requestId).toBeTruthy();
    }
  });

  it('answers malformed GET parameters with 400 BAD_REQUEST, never an internal error', async () => {
    for (const search of ['variables=notjson', 'variables=%5B1%5D', 'extensions=%7Bbroken']) {
      const res = await fetch(`${url}/graphql?query=${encodeURIComponent('{ me { id } }')}&${search}`, { headers: { 'x-graphql-csrf': '1' } });
      expect(res.status, search).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('answers an unsupported content type (415) and an unacceptable Accept (406) with a readable error', async () => {
    const xml = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/xml', 'x-graphql-csrf': '1' }, body: '<query/>' });
    expect(xml.status).toBe(415);
    expect(xml.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await xml.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const png = await post(JSON.stringify({ query: '{ me { id } }' }), { accept: 'image/png' });
    expect(png.status).toBe(406);
    expect(((await png.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
  });

  it("keeps the caller's X-Request-Id on the response and in error extensions", async () => {
    const response = await post(JSON.stringify({ query: '{ nope }' }), { 'x-request-id': 'req-abc-123' });
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    const json = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(json.errors[0]?.extensions.requestId).toBe('req-abc-123');
    const generated = await post(JSON.stringify({ query: '{ me { id } }' }), { 'x-request-id': 'bad id with spaces' });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GraphiQL to browsers', async () => {
    const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('LinkedIn Posts API');
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });

  it('exports Prometheus metrics', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('process_resident_memory_bytes');
  });

  it('masks unexpected errors and keeps serving', async () => {
    const delegate = t.app.db.prisma.post as unknown as { findMany: unknown };
    const original = delegate.findMany;
    delegate.findMany = () => Promise.reject(new Error('connection to 10.0.0.7 refused: internal detail'));
    const response = await post(JSON.stringify({ query: '{ posts { edges { node { id } } } }' }));
    delegate.findMany = original;
    const json = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(json.errors[0]?.message).toBe('Unexpected error.');
    expect(json.errors[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(json)).not.toContain('10.0.0.7');
    expect((await post(JSON.stringify({ query: '{ me { id } }' }))).status).toBe(200);
  });
});
