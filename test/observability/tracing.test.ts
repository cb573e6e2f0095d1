import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, REDACTED_PATHS } from '../../src/infra/logger.js';
import { extractTraceContext, injectTraceContext, runInTraceContext, withSpan } from '../../src/infra/tracing.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { postGraphQL } from './helpers.js';

type LogLine = Record<string, any>;

const lines: LogLine[] = [];
const raw: string[] = [];
const destination = {
  write(chunk: string) {
    raw.push(chunk);
    lines.push(JSON.parse(chunk) as LogLine);
  },
};
const exporter = new InMemorySpanExporter();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const REQUEST_ID = 'req-observability-1';
const PASSWORD = 'zebra-staple-orbit-92';

let t: TestApp;
let base: string;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ app: { logger: createLogger({ level: 'debug', pretty: false }, destination), spanExporter: exporter } });
  base = await t.listen();
  const signUp = await postGraphQL(
    base,
    {
      query: 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
      variables: { input: { email: `traced-${Date.now()}@example.com`, password: PASSWORD, name: 'Traced' } },
    },
    { 'x-request-id': REQUEST_ID, traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` },
  );
  expect(signUp.body.errors).toBeUndefined();
  expect(signUp.headers.get('x-request-id')).toBe(REQUEST_ID);
  token = signUp.body.data.signUp.token;
  await postGraphQL(base, { query: 'query Me { me { id email } }' }, { authorization: `Bearer ${token}`, 'x-request-id': 'req-observability-2' });
});
afterAll(() => t?.close());

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('request id and trace context', () => {
  it('writes one access log line per request with the request id, trace id, operation and outcome', () => {
    const access = lines.filter((l) => l.msg === 'request completed' && l.requestId === REQUEST_ID);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      traceId: TRACE_ID,
      method: 'POST',
      route: '/graphql',
      status: 200,
      operationName: 'SignUp',
      operationType: 'mutation',
      level: 'info',
    });
    expect(access[0]!.durationMs).toBeGreaterThan(0);
  });

  it('names the signed-in user by id, never by email', () => {
    const [access] = lines.filter((l) => l.msg === 'request completed' && l.requestId === 'req-observability-2');
    expect(access).toMatchObject({ operationName: 'Me', status: 200 });
    expect(access!.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(access)).not.toContain('@example.com');
  });

  it('puts the trace id on every log line of the traced request', () => {
    const ofRequest = lines.filter((l) => l.requestId === REQUEST_ID);
    expect(ofRequest.length).toBeGreaterThan(0);
    for (const line of ofRequest) expect(line.traceId).toBe(TRACE_ID);
  });

  it("continues the caller's trace: HTTP span, GraphQL phases, the resolver and its SQL", () => {
    const spans = spansOf(TRACE_ID);
    const byName = (name: string) => spans.find((s) => s.name === name);
    const http = byName('POST /graphql');
    expect(http, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(parentOf(http!)).toBe(PARENT_SPAN_ID);
    expect(http!.attributes).toMatchObject({ 'request.id': REQUEST_ID, 'http.response.status_code': 200, 'http.route': '/graphql' });
    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute'])
      expect(parentOf(byName(phase)!), `${phase} in ${spans.map((s) => s.name).join(', ')}`).toBe(http!.spanContext().spanId);
    expect(byName('graphql.execute')!.attributes).toMatchObject({ 'graphql.operation.name': 'SignUp', 'graphql.operation.type': 'mutation' });
    const resolver = byName('graphql.resolve Mutation.signUp');
    expect(parentOf(resolver!)).toBe(byName('graphql.execute')!.spanContext().spanId);
    const insert = spans.find((s) => s.name === 'db.insert users');
    expect(insert, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(insert!.attributes['db.query.text']).toMatch(/^INSERT INTO/);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(PASSWORD);
  });

  it('starts a new trace when the caller sends none', () => {
    const [access] = lines.filter((l) => l.msg === 'request completed' && l.requestId === 'req-observability-2');
    expect(access!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(access!.traceId).not.toBe(TRACE_ID);
    expect(spansOf(access!.traceId).some((s) => s.name === 'graphql.resolve Query.me')).toBe(true);
  });

  it('carries a trace across a queue: inject where the job is queued, extract where it runs', async () => {
    const carrier = withSpan('enqueue', {}, (span) => ({
      headers: injectTraceContext(),
      spanId: span!.spanContext().spanId,
      traceId: span!.spanContext().traceId,
    }));
    expect(carrier.headers.traceparent).toBe(`00-${carrier.traceId}-${carrier.spanId}-01`);
    await runInTraceContext(extractTraceContext(carrier.headers), () => withSpan('job generation', { 'job.queue': 'generation' }, async () => undefined));
    const job = exporter.getFinishedSpans().find((s) => s.name === 'job generation')!;
    expect(job.spanContext().traceId).toBe(carrier.traceId);
    expect(parentOf(job)).toBe(carrier.spanId);
  });

  it('marks a span failed when its work throws', async () => {
    await expect(withSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const failing = exporter.getFinishedSpans().find((s) => s.name === 'failing')!;
    expect(failing.status.code).toBe(2);
    expect(failing.events[0]?.name).toBe('exception');
  });
});

describe('redaction', () => {
  it('never logs the password, the issued token or the bearer header', () => {
    const output = raw.join('');
    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(token);
  });

  it('redacts secrets wherever a log call puts them', () => {
    const captured: string[] = [];
    const logger = createLogger({ level: 'info', pretty: false }, { write: (s: string) => void captured.push(s) });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'session=s3cr3t' } },
        variables: { input: { password: 'hunter2-password' } },
        input: { password: 'hunter3-password', apiKey: 'sk-live-123', token: 'tok-456', accessToken: 'at-789' },
        authorization: 'Bearer top-level',
      },
      'secrets everywhere',
    );
    const out = captured.join('');
    for (const secret of ['abc.def.ghi', 's3cr3t', 'hunter2-password', 'hunter3-password', 'sk-live-123', 'tok-456', 'at-789', 'top-level']) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(REDACTED_PATHS).toContain('req.headers.authorization');
  });
});
