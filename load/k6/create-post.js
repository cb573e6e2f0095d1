// Scenario 4: authors creating drafts (analysed on write).
import { CREATE_POST, SEARCH_TERMS, TONES } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function (data) {
  const user = pick(data.users);
  const content = `What ${pick(SEARCH_TERMS)} taught me about ${pick(SEARCH_TERMS)}. We started small and kept what worked. ${Date.now()}`;
  const res = gql(CREATE_POST, { input: { content, hashtags: [pick(SEARCH_TERMS)], tone: pick(TONES) } }, user.token, 'createPost');
  expectData(res, 'the draft is created and analysed', (d) => d.createPost.status === 'DRAFT' && d.createPost.analysis.wordCount > 0);
}
