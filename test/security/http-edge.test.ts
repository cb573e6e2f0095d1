import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const SECRET = 'dev-secret-key-change-me-in-production-0123456789';
const ORIGIN = 'https://app.example.com';

/** A raw request whose body we control byte by byte; resolves with the response status and headers. */
function rawRequest(url: string, headers: Record<string, string | number>, write: (req: ReturnType<typeof httpRequest>) => void) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    write(req);
  });
}

describe('HTTP edge', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: `${ORIGIN},https://admin.example.com`, MAX_BODY_BYTES: '2048', MAX_IN_FLIGHT_REQUESTS: '2' } });
    url = await t.listen();
  });
  afterAll(() => t.close());

  it('sets security headers on every response, HSTS only in production', async () => {
    for (const path of ['/graphql?query=%7B__typename%7D', '/health/live', '/metrics']) {
      const res = await fetch(`${url}${path}`, { headers: { 'x-graphql-csrf': '1' } });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('gives GraphiQL a policy that allows exactly its inline scripts and its same-origin bundle', async () => {
    const res = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const { createHash } = await import('node:crypto');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) =>
      createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64'),
    );
    expect(inline.length).toBeGreaterThan(0);
    for (const hash of inline) expect(csp).toContain(`'sha256-${hash}'`);
    expect(html).not.toContain('unpkg.com');
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).toContain("'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain('worker-src blob:');
  });

  it('answers CORS preflights for configured origins only, with credentials', async () => {
    const allowed = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    // Browser code may read the request id and when to retry.
    const simple = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    });
    expect(simple.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id.*Retry-After.*RateLimit-Remaining/);
    const other = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
  });

  it('refuses browser-simple requests without a CSRF header, accepts JSON POST and GET with one', async () => {
    const simpleGet = await fetch(`${url}/graphql?query=%7B__typename%7D`);
    expect(simpleGet.status).toBe(403);
    expect(((await simpleGet.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const formPost = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(formPost.status).toBe(403);
    expect((await fetch(`${url}/graphql?query=%7B__typename%7D`, { headers: { 'x-graphql-csrf': '1' } })).status).toBe(200);
    const json = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
    expect(json.status).toBe(200);
  });

  it("lets graphql-sse's single-connection requests through without a CSRF header: a browser preflights PUT and its token header", async () => {
    const reserve = await fetch(`${url}/graphql`, { method: 'PUT' });
    expect(reserve.status).toBe(201);
    const stream = new AbortController();
    const opened = await fetch(`${url}/graphql`, {
      headers: { accept: 'text/event-stream', 'x-graphql-event-stream-token': await reserve.text() },
      signal: stream.signal,
    });
    expect(opened.status).toBe(200);
    stream.abort();
    expect((await fetch(`${url}/graphql`, { headers: { accept: 'text/event-stream' } })).status).toBe(403);
  });

  it("answers a request whose Accept lists text/event-stream among others (urql's default) as plain GraphQL over HTTP", async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed',
      },
      body: '{"query":"{__typename}"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers 400 to a body whose query is not a string or whose variables or extensions are not objects, even one whose query is cached', async () => {
    const post = (body: string) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (let i = 0; i < 2; i++) expect((await post('{"query":"{__typename}"}')).status).toBe(200);
    for (const body of ['{"query":{"obj":"ect"}}', '{"query":0}', '{"query":"{__typename}","extensions":"x"}', '{"query":"{__typename}","variables":[1]}']) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('answers 413 to a body over MAX_BODY_BYTES without reading it all', async () => {
    const declared = await rawRequest(url, { 'content-length': 50_000_000 }, (req) => req.write('{"query":"'));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await rawRequest(url, { 'transfer-encoding': 'chunked' }, (req) => {
      req.write(`{"query":"{__typename}","x":"${'a'.repeat(3000)}`);
    });
    expect(chunked.status).toBe(413);
    const fits = await rawRequest(url, {}, (req) => req.end(JSON.stringify({ query: '{ __typename }', variables: { pad: 'a'.repeat(1500) } })));
    expect(fits.status).toBe(200);
  });

  it('sheds requests over MAX_IN_FLIGHT_REQUESTS with 503 and Retry-After; health stays available', async () => {
    // Two live subscriptions over Server-Sent Events each hold their place for as long as they are open.
    const author = await t.signUp('Streamer');
    const created = await t.gql<{ createPost: { id: string } }>(
      'mutation { createPost(input: { content: "Watched live" }) { id } }',
      {},
      { token: author.token },
    );
    const id = created.data!.createPost.id;
    await markPublished(t, id);
    const subscription = encodeURIComponent(`subscription { postMetricsUpdated(postId: "${id}") { impressions } }`);
    const streams = [0, 1].map(() => new AbortController());
    for (const stream of streams) {
      const res = await fetch(`${url}/graphql?query=${subscription}`, {
        headers: { accept: 'text/event-stream', 'x-graphql-csrf': '1' },
        signal: stream.signal,
      });
      expect(res.status).toBe(200);
    }
    const shed = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: '{"query":"{__typename}"}',
    });
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(((await shed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    // A client asking for application/json gets the same error with 200, as GraphQL over HTTP asks, and Retry-After still.
    const legacy = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"query":"{__typename}"}',
    });
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('retry-after')).toBe('1');
    expect(((await legacy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(await t.app.metrics.registry.getSingleMetricAsString('lpa_http_requests_rejected_total')).toMatch(/reason="overload"} [1-9]/);
    for (const stream of streams) stream.abort();
    let after = 503;
    for (let i = 0; i < 50 && after === 503; i++) {
      after = (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' })).status;
    }
    expect(after).toBe(200);
  });
});

describe('JWT verification', () => {
  let t: TestApp;
  let userId: string;
  beforeAll(async () => {
    t = await createTestApp();
    userId =
      Buffer.from((await t.signUp('Jwt')).id, 'base64')
        .toString()
        .split(':')[1] ?? '';
  });
  afterAll(() => t.close());

  const sign = (claims: { exp?: number; aud?: string; iss?: string }, key = SECRET, alg = 'HS256') =>
    new SignJWT({ scope: '', sid: '00000000-0000-4000-8000-000000000001' })
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setSubject(`user:${userId}`)
      .setIssuer(claims.iss ?? 'linkedin-posts-api')
      .setAudience(claims.aud ?? 'linkedin-posts-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(new TextEncoder().encode(key));
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('accepts a valid token', async () => {
    const res = await t.gql('{ me { id } }', {}, { token: await sign({}) });
    expect(res.status).toBe(200);
    expect(res.data?.me).not.toBeNull();
  });

  it.each([
    ['expired', () => sign({ exp: Math.floor(Date.now() / 1000) - 120 })],
    ['forged signature', () => sign({}, 'another-secret-key-that-is-long-enough-0123456789')],
    ['wrong audience', () => sign({ aud: 'someone-else' })],
    ['wrong issuer', () => sign({ iss: 'someone-else' })],
    ['HS512 instead of the pinned HS256', () => sign({}, SECRET, 'HS512')],
    [
      'alg=none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: `user:${userId}`, iss: 'linkedin-posts-api', aud: 'linkedin-posts-api', iat: 1, exp: 9_999_999_999 })}.`,
    ],
    ['malformed header', async () => `not-json.${b64({ sub: 'x' })}.sig`],
    ['garbage', async () => 'abc'],
  ])('refuses a token that is %s where a session is needed, with 401 UNAUTHENTICATED and a way out', async (_name, make) => {
    const res = await t.gql('mutation { createPost(input: { content: "Not stored" }) { id } }', {}, { token: await make() });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/log in again/i);
    // Public reads still work with it attached: the caller is anonymous.
    expect(await t.gql('{ me { id } }', {}, { token: await make() })).toMatchObject({ status: 200, data: { me: null } });
  });

  it('refuses an Authorization header that is not Bearer where a session is needed', async () => {
    const res = await t.gql('mutation { createPost(input: { content: "Not stored" }) { id } }', {}, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a client that always sends its stored token log in again once it has expired', async () => {
    const expired = await sign({ exp: Math.floor(Date.now() / 1000) - 120 });
    const email = `again-${Date.now()}@example.com`;
    const signUp = await t.gql<{ signUp: { token: string } }>(
      'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      { input: { email, password: 'correct horse battery', name: 'Again' } },
      { token: expired },
    );
    expect(signUp.status).toBe(200);
    const logIn = await t.gql<{ logIn: { token: string } }>(
      'mutation ($input: LogInInput!) { logIn(input: $input) { token } }',
      { input: { email, password: 'correct horse battery' } },
      { token: expired },
    );
    expect(logIn.status).toBe(200);
    expect(logIn.data?.logIn.token).toBeTruthy();
  });
});
