// Scenario 3: ranked full-text search for one or two common words.
import { SEARCH_POSTS, SEARCH_TERMS } from '../operations.js';
import { constantLoad, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function () {
  const query = Math.random() < 0.5 ? pick(SEARCH_TERMS) : `${pick(SEARCH_TERMS)} ${pick(SEARCH_TERMS)}`;
  gql(SEARCH_POSTS, { query, first: 20 }, undefined, 'search');
}
