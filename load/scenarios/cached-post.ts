import { requestBody } from '../graphql-client.js';
import { POST_BY_ID } from '../operations.js';
import type { HttpScenario } from './types.js';

/** The same anonymous `post(id)` request over and over: after the first, the response cache answers. */
export const cachedPost: HttpScenario = {
  kind: 'http',
  name: 'cached-post',
  description: 'post(id) with author, metrics and analysis, same request repeated (response cache)',
  requests: (ctx) => {
    const body = requestBody(POST_BY_ID, { id: ctx.fixtures.postIds[0] });
    return () => ({ body });
  },
};
