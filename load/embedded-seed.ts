import { postContent, seededRandom, userProfile } from './content.js';
import { GraphQLRequestError, gql, mapLimit } from './graphql-client.js';
import { CONNECT_LINKEDIN, CREATE_POST, ENGAGEMENT_TYPES, POST_STATUS, PUBLISH_POST, RECORD_ENGAGEMENTS, SIGN_UP } from './operations.js';
import { BENCH_PASSWORD } from './seed.js';

const PUBLISH_TIMEOUT_MS = 60_000;

/**
 * Connects the signed-in user's LinkedIn account the way a browser does: open the authorization URL
 * from connectLinkedIn, consent (the local fake LinkedIn redirects at once), and follow the redirect
 * to the API's OAuth callback with the cookie connectLinkedIn set, which exchanges the code and
 * stores the account.
 */
async function connectLinkedIn(baseUrl: string, token: string): Promise<void> {
  let cookie = '';
  const { connectLinkedIn } = await gql<{ connectLinkedIn: { url: string } }>(baseUrl, CONNECT_LINKEDIN, {}, token, (headers) => {
    cookie = headers.getSetCookie()[0]?.split(';')[0] ?? '';
  });
  const consent = await fetch(connectLinkedIn.url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`LinkedIn consent answered ${consent.status}, not a redirect to the callback`);
  const callback = new URL(location);
  const stored = await fetch(`${baseUrl}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
    headers: { cookie },
    signal: AbortSignal.timeout(10_000),
  });
  if (stored.status >= 400) throw new Error(`OAuth callback answered ${stored.status}: ${(await stored.text()).slice(0, 300)}`);
}

/** Waits for the publish job (queued by publishPost) to leave the post PUBLISHED. */
async function published(baseUrl: string, id: string, token: string): Promise<void> {
  const deadline = Date.now() + PUBLISH_TIMEOUT_MS;
  for (;;) {
    const { post } = await gql<{ post: { status: string; publishError: string | null } }>(baseUrl, POST_STATUS, { id }, token);
    if (post.status === 'PUBLISHED') return;
    if (post.status === 'FAILED') throw new Error(`publishing a seeded post failed: ${post.publishError}`);
    if (Date.now() > deadline) throw new Error(`a seeded post is still ${post.status} after ${PUBLISH_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Seeds the embedded (PGlite) server through its own API: the data directory belongs to the running
 * process, so SQL from outside is not an option. Same users (emails, password) as the PostgreSQL dataset.
 * Each user connects a LinkedIn account (the server must point at a fake LinkedIn) and publishes their posts.
 */
export async function seedThroughApi(baseUrl: string, users: number, postsPerUser: number): Promise<void> {
  const random = seededRandom(3);
  await mapLimit(
    Array.from({ length: users }, (_, i) => i),
    4,
    async (i) => {
      const profile = userProfile(i, random);
      const { signUp } = await gql<{ signUp: { token: string } }>(baseUrl, SIGN_UP, {
        input: { email: profile.email, password: BENCH_PASSWORD, name: profile.name, headline: profile.headline },
      });
      await connectLinkedIn(baseUrl, signUp.token);
      const ids: string[] = [];
      for (let p = 0; p < postsPerUser; p++) {
        const post = postContent(random);
        const { createPost } = await gql<{ createPost: { id: string } }>(
          baseUrl,
          CREATE_POST,
          { input: { content: post.content, hashtags: post.hashtags, tone: post.tone } },
          signUp.token,
        );
        await gql(baseUrl, PUBLISH_POST, { id: createPost.id }, signUp.token);
        ids.push(createPost.id);
      }
      for (const id of ids) await published(baseUrl, id, signUp.token);
      const events = Array.from({ length: 200 }, (_, e) => ({
        postId: ids[e % ids.length],
        type: ENGAGEMENT_TYPES[e % ENGAGEMENT_TYPES.length],
        count: 1 + (e % 7),
        at: new Date(Date.now() - e * 3600_000).toISOString(),
      }));
      await gql(baseUrl, RECORD_ENGAGEMENTS, { events }, signUp.token).catch((error: unknown) => {
        // A server without bulk ingest still gets benchmarked on the scenarios that do not need engagement.
        if (!(error instanceof GraphQLRequestError && error.body.includes('GRAPHQL_VALIDATION_FAILED'))) throw error;
      });
    },
  );
}
