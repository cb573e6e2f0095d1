// Scenario 1: the same post(id) request repeated (served by the response cache).
import { POST_BY_ID } from '../operations.js';
import { constantLoad, gql, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function (data) {
  gql(POST_BY_ID, { id: data.postIds[0] }, undefined, 'post');
}
