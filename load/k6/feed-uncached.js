// Scenario 2: a 20-post feed page with author, metrics and analysis; a different createdBefore each
// request so the response cache cannot answer.
import { FEED } from '../operations.js';
import { constantLoad, gql, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

const NINETY_DAYS_MS = 90 * 24 * 3600 * 1000;

export default function () {
  const createdBefore = new Date(Date.now() - Math.floor(Math.random() * NINETY_DAYS_MS)).toISOString();
  gql(FEED, { first: 20, filter: { createdBefore } }, undefined, 'feed');
}
