import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-lines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Hundreds of hostile or broken requests. Each must get a clear 4xx or GraphQL errors that all
 * carry extensions.code (or, for valid-but-odd input such as an injection-looking search, plain
 * data); never a 5xx, never INTERNAL_SERVER_ERROR, never an ERROR log line; the server keeps serving
 * and no table changes.
 */
interface Case {
  name: string;
  via: 'http' | 'fetch';
  method?: string;
  contentType?: string;
  body?: string;
  path?: string;
  token?: string;
  /** Valid input: data without errors is an acceptable answer. */
  mayPass?: boolean;
}

const gqlBody = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const INJECTIONS = [
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Egnp.exe',
  'a\u0000b',
  '\u0000',
  'zero\u200Bwidth',
  '%00%27',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  '\uD800',
  'ﬀ'.repeat(50),
  '"quoted" OR -not',
  ':* & | !',
];
const BAD_IDS = ['', 'abc', '1', 'UG9zdDo=', 'UG9zdDpub3BlCg==', 'VXNlcjox', Buffer.from('Post:1 OR 1=1').toString('base64'), 'x'.repeat(5000), '\u0000', '=='];

function cases(tokens: { expired: string; forged: string; valid: string }): Case[] {
  const list: Case[] = [];
  const http = (name: string, body: string, contentType = 'application/json', method = 'POST') => list.push({ name, via: 'http', body, contentType, method });
  const q = (name: string, query: string, variables?: Record<string, unknown>, extra: Partial<Case> = {}) =>
    list.push({ name, via: 'fetch', body: gqlBody(query, variables), ...extra });

  // Malformed JSON and bodies
  for (const body of [
    '{',
    '{"query":',
    '[',
    ']',
    'null',
    'true',
    '1',
    '"query"',
    '{"query":null}',
    '{"query":1}',
    '{"query":[]}',
    '{"query":{}}',
    '{"query":"{__typename}","variables":"x"}',
    '{"query":"{__typename}","variables":[1]}',
    '{"query":"{__typename}","extensions":1}',
    '{"query":"{__typename}","operationName":5}',
    '\u0000\u0001\u0002',
    '\xff\xfe',
    '{"query":"{__typename}"'.repeat(10),
    '',
    '{"query":"{ __typename }","query":"{ me { id } }","operationName":"Nope"}',
    '[{"query":"{__typename}"}]',
    '{"unknown":1}',
    '{"query":"{__typename}","foo":1}',
  ])
    http(`malformed body ${JSON.stringify(body).slice(0, 40)}`, body);
  // Wrong content types
  for (const ct of [
    'text/plain',
    'text/html',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'image/png',
    'application/octet-stream',
    'application/graphql',
    '',
  ])
    http(`content type ${ct || '(none)'}`, gqlBody('{ __typename }'), ct);
  // Methods
  for (const method of ['PUT', 'DELETE', 'PATCH']) http(`method ${method}`, gqlBody('{ __typename }'), 'application/json', method);
  list.push({ name: 'GET without query', via: 'http', method: 'GET', path: '/graphql?x=1' });
  list.push({ name: 'GET mutation', via: 'http', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { deletePost(id: "x") }')}` });
  // Malformed GET parameters
  for (const params of ['variables=notjson', 'variables=%5B1%5D', 'extensions=notjson', 'extensions=1', 'operationName=%00', 'query=', 'query=%7B&query=%7D'])
    list.push({ name: `GET ${params}`, via: 'http', method: 'GET', path: `/graphql?${params.startsWith('query=') ? '' : 'query=%7B__typename%7D&'}${params}` });
  // Oversized bodies
  for (const size of [2_000_001, 5_000_000]) http(`body of ${size} bytes`, gqlBody('{ __typename }', { pad: 'a'.repeat(size) }));
  // Syntax errors
  for (const query of [
    '{',
    '}',
    '{ me { id }',
    'query {',
    'mutation',
    '{ me(',
    '{ ...  }',
    'query q($: Int) { me { id } }',
    '"""',
    '{ me { id } } { me { id } }',
    '#',
    'subscription { postMetricsUpdated(postId: "x") }',
  ])
    q(`syntax ${query}`, query);
  // Deep nesting
  for (let depth = 13; depth <= 40; depth += 3) {
    let query = 'id';
    for (let i = 0; i < depth; i++) query = i % 2 ? `posts { edges { node { ${query} } } }` : `author { ${query} }`;
    q(`deep nesting ${depth}`, `{ posts { edges { node { ${query} } } } }`);
  }
  // Alias bombs
  for (const n of [25, 100, 1000]) q(`alias bomb ${n}`, `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`);
  for (const n of [25, 200]) q(`alias bomb of posts ${n}`, `{ ${Array.from({ length: n }, (_, i) => `p${i}: posts(first: 100) { totalCount }`).join(' ')} }`);
  // Fragment cycles and bombs
  q('fragment cycle', '{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }');
  q('fragment self cycle', '{ me { ...A } } fragment A on User { id ...A }');
  q(
    'fragment bomb',
    `{ posts { ...F0 } } ${Array.from({ length: 15 }, (_, i) => `fragment F${i} on PostConnection { totalCount ${i < 14 ? `a: edges { node { author { posts { ...F${i + 1} } } } } b: edges { node { author { posts { ...F${i + 1} } } } }` : ''} }`).join(' ')}`,
  );
  q('fragment on wrong type', '{ me { ...A } } fragment A on Post { id }');
  q('unknown fragment', '{ me { ...Nope } }');
  // Directive spam and token counts
  q('directive spam', `{ __typename ${'@include(if: true) '.repeat(50)} }`);
  q('unknown directives', `{ __typename ${'@foo '.repeat(40)} }`);
  q('huge token count', `{ ${'__typename '.repeat(5000)} }`);
  q('huge argument list', `{ posts(${Array.from({ length: 3000 }, (_, i) => `a${i}: 1`).join(', ')}) { totalCount } }`);
  // Unknown fields and arguments
  q('unknown field', '{ nope }');
  q('unknown argument', '{ posts(nope: 1) { totalCount } }');
  q('first over the maximum', '{ posts(first: 101) { totalCount } }');
  q('negative first', '{ posts(first: -1) { totalCount } }');
  q('first overflow', '{ posts(first: 99999999999) { totalCount } }');
  // Invalid IDs
  for (const id of BAD_IDS) {
    q(`post(id: ${id.slice(0, 20)})`, 'query($id: ID!) { post(id: $id) { id } }', { id }, { mayPass: true });
    q(`node(id: ${id.slice(0, 20)})`, 'query($id: ID!) { node(id: $id) { id } }', { id }, { mayPass: true });
    q(`updatePost(id: ${id.slice(0, 20)})`, 'mutation($id: ID!) { updatePost(id: $id, input: { content: "x" }) { id } }', { id }, { token: tokens.valid });
    q(`deletePost(id: ${id.slice(0, 20)})`, 'mutation($id: ID!) { deletePost(id: $id) }', { id }, { token: tokens.valid });
    q(`filter authorId ${id.slice(0, 20)}`, 'query($id: ID) { posts(filter: { authorId: $id }) { totalCount } }', { id }, { mayPass: true });
    q(`addToQueue(postId: ${id.slice(0, 20)})`, 'mutation($id: ID!) { addToQueue(postId: $id) { id } }', { id }, { token: tokens.valid });
    q(
      `reschedulePosts id ${id.slice(0, 20)}`,
      'mutation($id: ID!) { reschedulePosts(changes: [{ id: $id, at: "2099-01-01T00:00:00Z" }]) { id } }',
      { id },
      { token: tokens.valid },
    );
    q(`shuffleQueue ${id.slice(0, 20)}`, 'mutation($id: ID!) { shuffleQueue(workspaceId: $id, accountId: $id) { id } }', { id }, { token: tokens.valid });
    q(
      `setPostingSchedule ${id.slice(0, 20)}`,
      'mutation($id: ID!) { setPostingSchedule(workspaceId: $id, accountId: $id, input: { timeZone: "UTC", slots: [] }) { timeZone } }',
      { id },
      { token: tokens.valid },
    );
    q(
      `calendar(workspaceId: ${id.slice(0, 20)})`,
      'query($id: ID!) { calendar(workspaceId: $id, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", timeZone: "UTC") { date } }',
      { id },
      { token: tokens.valid },
    );
  }
  q(
    'calendar in a made-up zone',
    '{ calendar(workspaceId: "V29ya3NwYWNlOjE=", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", timeZone: "../../etc/passwd") { date } }',
    undefined,
    {
      token: tokens.valid,
    },
  );
  // Overlong and malformed strings
  const create = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }';
  for (const content of ['', '   ', 'x'.repeat(3001), 'x'.repeat(100_000), '😀'.repeat(3001)])
    q(`createPost content of ${content.length}`, create, { input: { content } }, { token: tokens.valid });
  q('createPost 31 hashtags', create, { input: { content: 'ok', hashtags: Array.from({ length: 31 }, (_, i) => `t${i}`) } }, { token: tokens.valid });
  q('createPost 10k hashtags', create, { input: { content: 'ok', hashtags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) } }, { token: tokens.valid });
  q('createPost overlong hashtag', create, { input: { content: 'ok', hashtags: ['x'.repeat(200)] } }, { token: tokens.valid });
  q('createPost punctuation hashtag', create, { input: { content: 'ok', hashtags: ['!!!'] } }, { token: tokens.valid });
  q('createPost bad tone', create, { input: { content: 'ok', tone: 'ANGRY' } }, { token: tokens.valid });
  q('createPost anonymous', create, { input: { content: 'ok' } });
  const signUp = 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }';
  const person = { email: 'ok@example.com', password: 'long enough password', name: 'Ok' };
  for (const [field, value] of [
    ['email', 'not-an-email'],
    ['email', `${'a'.repeat(300)}@example.com`],
    ['email', ''],
    ['password', 'short'],
    ['password', 'p'.repeat(201)],
    ['name', ''],
    ['name', ' '],
    ['name', 'n'.repeat(101)],
    ['headline', 'h'.repeat(221)],
  ] as const)
    q(`signUp ${field} of ${value.length}`, signUp, { input: { ...person, [field]: value } });
  for (const injection of INJECTIONS) q(`signUp email ${JSON.stringify(injection).slice(0, 20)}`, signUp, { input: { ...person, email: injection } });
  q('logIn overlong password', 'mutation($input: LogInInput!) { logIn(input: $input) { token } }', { input: { email: 'a@b.co', password: 'p'.repeat(1000) } });
  q('searchPosts overlong', `{ searchPosts(query: "${'q'.repeat(201)}") { totalCount } }`);
  q('searchPosts empty', '{ searchPosts(query: "   ") { totalCount } }');
  q('analyzeText overlong', 'query($t: String!) { analyzeText(text: $t) { wordCount } }', { t: 'w '.repeat(6000) });
  q('schedulePost bad date', 'mutation { schedulePost(id: "UG9zdDox", at: "yesterday") { id } }', undefined, { token: tokens.valid });
  q('schedulePost date without zone', 'mutation { schedulePost(id: "UG9zdDox", at: "2030-01-01T00:00:00") { id } }', undefined, { token: tokens.valid });
  q('filter bad date', '{ posts(filter: { createdAfter: "2020-13-45T00:00:00Z" }) { totalCount } }');
  q('filter overlong hashtag', `{ posts(filter: { hashtag: "${'h'.repeat(500)}" }) { totalCount } }`);
  // Injection-looking strings where the input is valid
  for (const injection of INJECTIONS) {
    const name = JSON.stringify(injection).slice(0, 24);
    q(`searchPosts ${name}`, 'query($q: String!) { searchPosts(query: $q) { totalCount } }', { q: injection }, { mayPass: true });
    q(`logIn ${name}`, 'mutation($input: LogInInput!) { logIn(input: $input) { token } }', { input: { email: injection, password: injection } });
    q(`analyzeText ${name}`, 'query($t: String!) { analyzeText(text: $t) { wordCount } }', { t: injection }, { mayPass: true });
    q(`hashtag filter ${name}`, 'query($h: String) { posts(filter: { hashtag: $h }) { totalCount } }', { h: injection }, { mayPass: true });
  }
  // Forged and expired tokens
  for (const [name, token] of Object.entries({
    expired: tokens.expired,
    forged: tokens.forged,
    empty: ' ',
    garbage: 'a.b.c',
    long: 'x'.repeat(10_000),
    unicode: 'tökén',
  })) {
    // A public read runs with a refused token attached (the caller is anonymous); what needs a session is refused.
    q(`token ${name} on me`, '{ me { id } }', undefined, { token, mayPass: true });
    q(`token ${name} on createPost`, create, { input: { content: 'should not be stored' } }, { token });
  }
  // Wrong variable types
  for (const [name, query, variables] of [
    ['string for Int', 'query($n: Int) { posts(first: $n) { totalCount } }', { n: 'ten' }],
    ['float for Int', 'query($n: Int) { posts(first: $n) { totalCount } }', { n: 1.5 }],
    ['object for Int', 'query($n: Int) { posts(first: $n) { totalCount } }', { n: { a: 1 } }],
    ['list for String', 'query($q: String!) { searchPosts(query: $q) { totalCount } }', { q: ['a'] }],
    ['null for non-null', 'query($q: String!) { searchPosts(query: $q) { totalCount } }', { q: null }],
    ['missing non-null', 'query($q: String!) { searchPosts(query: $q) { totalCount } }', {}],
    ['bad enum', 'query($o: PostOrder) { posts(orderBy: $o) { totalCount } }', { o: 'RANDOM' }],
    ['lower-case enum', 'query($o: PostOrder) { posts(orderBy: $o) { totalCount } }', { o: 'newest' }],
    ['number for enum', 'query($o: PostOrder) { posts(orderBy: $o) { totalCount } }', { o: 1 }],
    ['unknown input field', 'query($f: PostFilter) { posts(filter: $f) { totalCount } }', { f: { nope: 1 } }],
    ['string for input object', 'query($f: PostFilter) { posts(filter: $f) { totalCount } }', { f: 'x' }],
    ['number for DateTime', 'query($f: PostFilter) { posts(filter: $f) { totalCount } }', { f: { createdAfter: 12 } }],
    ['undeclared variable', 'query { posts(first: $n) { totalCount } }', { n: 1 }],
    ['variable type mismatch', 'query($n: String) { posts(first: $n) { totalCount } }', { n: '1' }],
    [
      'huge variable object',
      'query($f: PostFilter) { posts(filter: $f) { totalCount } }',
      { f: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) },
    ],
    ['boolean for ID', 'query($id: ID!) { post(id: $id) { id } }', { id: true }],
  ] as const)
    q(`variables: ${name}`, query, variables as Record<string, unknown>);
  return list;
}

async function checksum(t: TestApp): Promise<Record<string, string>> {
  const tables = await t.app.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await t.app.db.prisma.$queryRawUnsafe<{ n: number; h: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM "${table_name}" t`,
    );
    result[table_name] = `${row?.n}:${row?.h}`;
  }
  return result;
}

describe('bad input', () => {
  let t: TestApp;
  let url: string;
  let list: Case[];
  let before: Record<string, string>;
  const { logger, lines } = capturedLogger('info');
  beforeAll(async () => {
    t = await createTestApp({
      app: { logger },
      env: { RATE_LIMIT_ANONYMOUS: '100000', RATE_LIMIT_USER: '100000', RATE_LIMIT_AUTH: '100000', RATE_LIMIT_SEARCH: '100000', RATE_LIMIT_ANALYSIS: '100000' },
    });
    url = await t.listen();
    const owner = await t.signUp('Owner');
    await t.gql('mutation { createPost(input: { content: "A post that exists" }) { id } }', {}, { token: owner.token });
    const key = new TextEncoder().encode('dev-secret-key-change-me-in-production-0123456789');
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('user:x').setIssuer('linkedin-posts-api').setAudience('linkedin-posts-api');
    list = cases({
      valid: owner.token,
      expired: await base()
        .setIssuedAt(now - 7200)
        .setExpirationTime(now - 3600)
        .sign(key),
      forged: await base()
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(new TextEncoder().encode('x'.repeat(48))),
    });
    before = await checksum(t);
  });
  afterAll(() => t.close());

  it('has at least 200 cases', () => {
    expect(list.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case with a clear 4xx or coded GraphQL errors, never a 5xx', async () => {
    const problems: string[] = [];
    for (const c of list) {
      const init: RequestInit = {
        method: c.method ?? 'POST',
        headers: {
          ...(c.contentType !== undefined ? (c.contentType ? { 'content-type': c.contentType } : {}) : { 'content-type': 'application/json' }),
          accept: 'application/graphql-response+json',
          ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
          'x-graphql-csrf': '1',
        },
        ...(c.body !== undefined && (c.method ?? 'POST') !== 'GET' ? { body: c.body } : {}),
      };
      const response = c.via === 'http' ? await fetch(`${url}${c.path ?? '/graphql'}`, init) : await t.fetch(c.path ?? '/graphql', init);
      const text = await response.text();
      let body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } | undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const codes = body?.errors?.map((e) => e.extensions?.code) ?? [];
      if (response.status >= 500) problems.push(`${c.name}: HTTP ${response.status} ${text.slice(0, 200)}`);
      else if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${c.name}: INTERNAL_SERVER_ERROR ${text.slice(0, 200)}`);
      else if (response.status < 400 && codes.some((code) => !code)) problems.push(`${c.name}: error without a code ${text.slice(0, 200)}`);
      else if (response.status < 400 && !codes.length && !c.mayPass) problems.push(`${c.name}: accepted ${text.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('writes no ERROR log line for any of them (client input is never the server failing)', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal').map((line) => line.msg)).toEqual([]);
  });

  it('keeps serving and leaves every table unchanged', async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ posts { totalCount } }"}',
    });
    expect(res.status).toBe(200);
    expect(await checksum(t)).toEqual(before);
  });
});
