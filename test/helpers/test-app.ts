import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { adminUrl, databaseName } from './postgres.js';

/**
 * fetch, sent again once when the pooled keep-alive socket it went out on had just been closed by the
 * server as idle. That race is real but rare, except on the embedded backend, where PGlite blocks the
 * event loop (test and server share it) past the server's keep-alive timeout. The server never read
 * the request, so sending it again is safe even for a mutation.
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

export type Backend = 'embedded' | 'postgres';
export const backend = (process.env.TEST_BACKEND ?? 'embedded') as Backend;

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: App;
  backend: Backend;
  /** Environment the app was configured with (for a second instance on the same database and Redis). */
  env: Record<string, string>;
  gql<T = Record<string, any>, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** A request to the running server (`path` starts with "/"). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** SQL statements the app sends while `work` runs. */
  /**
   * SQL statements the app sends while `work` runs. Background work (recovery sweeps) shares the
   * database: with `tries`, the work runs that many times and the run with the fewest counts.
   */
  countStatements(work: () => Promise<unknown>, options?: { tries?: number }): Promise<{ count: number; statements: string[] }>;
  signUp(name?: string): Promise<{ token: string; id: string; email: string }>;
  /** The running server's base URL (it listens on a random port from the start). */
  listen(): Promise<string>;
  readonly url: string;
  close(): Promise<void>;
}

let snapshot: Promise<Blob> | undefined;
const embeddedSnapshot = () => (snapshot ??= readFile(inject('embeddedSnapshotPath')).then((bytes) => new Blob([bytes])));

/** A fresh database (cloned from the migrated template) and Redis prefix for one test file. */
export async function isolatedBackendEnv(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (backend === 'embedded') return { env: { DATA_DIR: 'memory://' }, drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `${databaseName(base)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: {
      DATABASE_URL: url.toString(),
      DATABASE_POOL_MAX: '5',
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX ?? 'lpa:test:'}${name}:` } : {}),
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl(base) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const BACKGROUND_READ = /\bFROM "public"\."revoked_sessions"/;

let userCounter = 0;

/** Sends GraphQL requests to the server at the URL `baseUrl` resolves to. */
function graphQLClient(baseUrl: () => Promise<string>): TestApp['gql'] {
  return async <T, V>(document: string | TypedDocumentNode<T, V>, variables?: V, opts: RequestOptions = {}): Promise<GraphQLResponse<T>> => {
    const query = typeof document === 'string' ? document : print(document);
    const response = await fetchOnce(`${await baseUrl()}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  };
}

/** A second instance, listening, on the same PostgreSQL database and Redis as `t` (not on the embedded backend). */
export async function openSecondInstance(t: TestApp): Promise<Pick<TestApp, 'app' | 'gql' | 'close'>> {
  const app = await createApp(loadConfig(t.env));
  const { url } = await app.start(0);
  return { app, gql: graphQLClient(async () => url), close: () => app.stop() };
}

/**
 * A fresh app on its own database and Redis prefix, listening on a random port: every request a
 * test makes crosses the same node:http edge production does. `start: false` leaves it unstarted.
 */
export async function createTestApp(options: { env?: Record<string, string>; app?: AppOptions; start?: boolean } = {}): Promise<TestApp> {
  const isolated = await isolatedBackendEnv();
  // No metrics port of its own (production would take 9464): tests read /metrics from the registry or PORT.
  const env = { NODE_ENV: 'test', METRICS_PORT: '0', ...isolated.env, ...options.env };
  const app = await createApp(loadConfig(env), {
    ...(backend === 'embedded' ? { embeddedSnapshot: await embeddedSnapshot() } : {}),
    ...options.app,
  });
  let url = '';
  const listen = async () => (url ||= (await app.start(0)).url);
  if (options.start !== false) await listen();

  const gql = graphQLClient(listen);

  return {
    app,
    backend,
    env,
    gql,
    fetch: async (path, init = {}) => fetchOnce(`${await listen()}${path}`, init),
    async countStatements(work, { tries = 1 } = {}) {
      let fewest: string[] | undefined;
      for (let i = 0; i < tries; i++) {
        const statements: string[] = [];
        // Every API process reads ended sessions in the background (SESSION_REVOCATION_SYNC_MS): not the work's statements.
        const stop = app.db.onQuery((e) => void (BACKGROUND_READ.test(e.sql) || statements.push(e.sql)));
        try {
          await work();
        } finally {
          stop();
        }
        if (!fewest || statements.length < fewest.length) fewest = statements;
      }
      return { count: fewest!.length, statements: fewest! };
    },
    async signUp(name = 'Test User') {
      const email = `user${++userCounter}-${randomBytes(3).toString('hex')}@example.com`;
      const result = await gql<{ signUp: { token: string; user: { id: string } } }, Record<string, unknown>>(
        'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
        { input: { email, password: 'correct horse battery', name } },
      );
      if (!result.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
      return { token: result.data.signUp.token, id: result.data.signUp.user.id, email };
    },
    listen,
    get url() {
      return url;
    },
    async close() {
      await app.stop();
      await isolated.drop();
    },
  };
}
