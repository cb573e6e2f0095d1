import { pick, postContent } from '../content.js';
import { authHeaders, requestBody } from '../graphql-client.js';
import { CREATE_POST } from '../operations.js';
import type { HttpScenario } from './types.js';

/** Authors writing new drafts (each analysed on write), spread over every logged-in user. */
export const createPost: HttpScenario = {
  kind: 'http',
  name: 'create-post',
  description: 'createPost by one of the logged-in users, varied content',
  requests: (ctx) => () => {
    const user = pick(ctx.random, ctx.fixtures.users);
    const post = postContent(ctx.random);
    return {
      body: requestBody(CREATE_POST, { input: { content: post.content, hashtags: post.hashtags, tone: post.tone } }),
      headers: authHeaders(user.token),
    };
  },
};
