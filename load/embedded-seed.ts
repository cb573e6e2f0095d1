import { postContent, seededRandom, userProfile } from './content.js';
import { GraphQLRequestError, gql, mapLimit } from './graphql-client.js';
import { CREATE_POST, ENGAGEMENT_TYPES, PUBLISH_POST, RECORD_ENGAGEMENTS, SIGN_UP } from './operations.js';
import { BENCH_PASSWORD } from './seed.js';

/**
 * Seeds the embedded (PGlite) server through its own API: the data directory belongs to the running
 * process, so SQL from outside is not an option. Same users (emails, password) as the PostgreSQL dataset.
 */
export async function seedThroughApi(baseUrl: string, users: number, postsPerUser: number): Promise<void> {
  const random = seededRandom(3);
  await mapLimit(Array.from({ length: users }, (_, i) => i), 4, async (i) => {
    const profile = userProfile(i, random);
    const { signUp } = await gql<{ signUp: { token: string } }>(baseUrl, SIGN_UP, {
      input: { email: profile.email, password: BENCH_PASSWORD, name: profile.name, headline: profile.headline },
    });
    const ids: string[] = [];
    for (let p = 0; p < postsPerUser; p++) {
      const post = postContent(random);
      const { createPost } = await gql<{ createPost: { id: string } }>(baseUrl, CREATE_POST, { input: { content: post.content, hashtags: post.hashtags, tone: post.tone } }, signUp.token);
      await gql(baseUrl, PUBLISH_POST, { id: createPost.id }, signUp.token);
      ids.push(createPost.id);
    }
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
  });
}
