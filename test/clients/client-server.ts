import { randomUUID } from 'node:crypto';
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

export async function startClientServer(options: { posts?: number; env?: Record<string, string> } = {}): Promise<ClientServer> {
  const t = await createTestApp({ env: options.env });
  const { token, id: authorId } = await t.signUp('Client Author');
  const postIds: string[] = [];
  for (let i = 1; i <= (options.posts ?? 0); i++) {
    const created = await t.gql<{ createPost: { id: string } }>(
      'mutation ($content: String!) { createPost(input: { content: $content }) { id } }',
      { content: `Client post number ${i}` },
      { token },
    );
    if (!created.data?.createPost) throw new Error(`createPost failed: ${JSON.stringify(created.errors)}`);
    postIds.unshift(created.data.createPost.id);
  }
  const url = await t.listen();
  return {
    t,
    token,
    authorId,
    postIds,
    http: `${url}/graphql`,
    ws: `${url.replace(/^http/, 'ws')}/graphql`,
    async deletePost(id) {
      const deleted = await t.gql('mutation ($id: ID!) { deletePost(id: $id) }', { id }, { token });
      if (deleted.errors) throw new Error(`deletePost failed: ${JSON.stringify(deleted.errors)}`);
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
