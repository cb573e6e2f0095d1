// Scenario 1: the same post(id) request repeated (served by the response cache). The post is a
// draft (see setupUsers), so its author reads it, from their own entry of the response cache.
import { POST_BY_ID } from '../operations.js';
import { constantLoad, expectData, gql, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function (data) {
  const author = data.users[0];
  const res = gql(POST_BY_ID, { id: author.postIds[0] }, author.token, 'post');
  expectData(res, 'the post is found', (d) => d.post?.id === author.postIds[0]);
}
