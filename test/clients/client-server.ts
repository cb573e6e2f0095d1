import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { decodeId } from '../../src/graphql/global-id.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** A listening server with one signed-in author and their posts, as a client test starts from. */
export interface ClientServer {
  t: TestApp;
  token: string;
  authorId: string;
  /** The author's posts, newest first (the order `posts` lists them in). */
  postIds: string[];
  /** The GraphQL endpoint's URL, over HTTP and over WebSocket. */
  http: string;
  ws: string;
  deletePost(id: string): Promise<void>;
}

const SIGN_UP = 'mutation ClientSignUp($input: SignUpInput!) { signUp(input: $input) { token user { id } } }';
const CREATE_POST = 'mutation ClientCreatePost($content: String!) { createPost(input: { content: $content }) { id } }';
const DELETE_POST = 'mutation ClientDeletePost($id: ID!) { deletePost(id: $id) }';

/** The operations the setup sends: a manifest for PERSISTED_OPERATIONS=require must list them too. */
export const SETUP_OPERATIONS: readonly string[] = [SIGN_UP, CREATE_POST, DELETE_POST];

const operationName = (document: string) => /^\w+ (\w+)/.exec(document)![1]!;

interface ClientServerOptions {
  posts?: number;
  env?: Record<string, string>;
  /** The setup operations' document ids by operation name, when a client build hashed them its own way. */
  documentIds?: Record<string, string>;
}

export async function startClientServer(options: ClientServerOptions = {}): Promise<ClientServer> {
  const t = await createTestApp({ env: options.env });
  const url = await t.listen();
  // By document id when only persisted documents run, as text otherwise.
  const byId = options.env?.PERSISTED_OPERATIONS === 'require';
  const idOf = (document: string) => options.documentIds?.[operationName(document)] ?? `sha256:${createHash('sha256').update(document).digest('hex')}`;
  const send = async <T>(document: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await t.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(byId ? { documentId: idOf(document), variables } : { query: document, variables }),
    });
    const result = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!result.data || result.errors) throw new Error(`${operationName(document)} failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const email = `client-${randomUUID()}@example.com`;
  const { signUp } = await send<{ signUp: { token: string; user: { id: string } } }>(SIGN_UP, {
    input: { email, password: 'correct horse battery', name: 'Client Author' },
  });
  const { token } = signUp;
  const postIds: string[] = [];
  for (let i = 1; i <= (options.posts ?? 0); i++) {
    const { createPost } = await send<{ createPost: { id: string } }>(CREATE_POST, { content: `Client post number ${i}` }, token);
    postIds.unshift(createPost.id);
  }
  return {
    t,
    token,
    authorId: signUp.user.id,
    postIds,
    http: `${url}/graphql`,
    ws: `${url.replace(/^http/, 'ws')}/graphql`,
    async deletePost(id) {
      await send(DELETE_POST, { id }, token);
    },
  };
}

const DEV_SECRET = new TextEncoder().encode('dev-secret-key-change-me-in-production-0123456789');

/** Tokens a client may still hold: one that expired a minute ago, one signed with another key. */
export async function refusedTokens(userId: string): Promise<{ expired: string; forged: string }> {
  const now = Math.floor(Date.now() / 1000);
  const claims = () =>
    new SignJWT({ scope: '', sid: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`user:${decodeId(userId).id}`)
      .setIssuer('linkedin-posts-api')
      .setAudience('linkedin-posts-api');
  return {
    expired: await claims()
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(DEV_SECRET),
    forged: await claims()
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('another-key-another-key-another-key-0123')),
  };
}
