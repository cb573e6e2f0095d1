import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DEFAULT_MEMBER } from '../fakes/linkedin-server.js';
import type { PublishingTestApp } from './publishing-app.js';

/** Who the fake LinkedIn's default member posts as. */
export const DEFAULT_OWNER_URN = `urn:li:person:${DEFAULT_MEMBER.sub}`;

const CREATE = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
const PUBLISH = 'mutation ($id: ID!) { publishPost(id: $id) { status } }';
const ATTEMPTS = 'query ($id: ID!) { post(id: $id) { status linkedInUrn publishAttempts { number outcome error uploadSteps { asset step urn polls } } } }';

/** A request the fake received, as "METHOD /path". */
export const requestLine = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** A new user with the fake's default member connected as their LinkedIn account. */
export async function connectedAuthor(p: PublishingTestApp, name: string) {
  const author = await p.t.signUp(name);
  await p.connect(author.id);
  return author;
}

/**
 * Writes a post carrying `input` (an article, a poll, media) and publishes it now through the queue
 * worker; answers the post once settled, with its attempts, and the requests the fake LinkedIn received
 * meanwhile.
 */
export async function publishCarrying(p: PublishingTestApp, token: string, input: Record<string, unknown>, label: string) {
  const created = await p.t.gql<{ createPost: { id: string } }>(
    CREATE,
    { input: { content: `${label} ${randomBytes(4).toString('hex')}`, ...input } },
    { token },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createPost.id;
  const start = p.fake.requests.length;
  expect((await p.t.gql(PUBLISH, { id }, { token })).errors).toBeUndefined();
  await p.settle(id);
  const post = (await p.t.gql<{ post: any }>(ATTEMPTS, { id }, { token })).data!.post;
  return { post, requests: p.fake.requests.slice(start) };
}
