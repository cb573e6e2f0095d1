import { describe, expect, it } from 'vitest';
import { canonicalSearchText } from '../../src/modules/posts/search-text.js';
import { createResponseKeyer } from '../../src/response-cache/response-key.js';

const keyOf = createResponseKeyer({ 'searchPosts.query': canonicalSearchText });
const SEARCH = 'query Search($q: String!) { searchPosts(query: $q, first: 5) { edges { node { id } } } }';

describe('canonical response keys', () => {
  it('gives searches of the same plain words, in any order or case, one key', () => {
    const key = keyOf({ query: SEARCH, variables: { q: 'leadership hiring' } });
    expect(keyOf({ query: SEARCH, variables: { q: 'Hiring  leadership' } })).toBe(key);
    expect(keyOf({ query: SEARCH, variables: { q: 'hiring' } })).not.toBe(key);
  });

  it('keeps searches whose words order or operators matter apart', () => {
    for (const [a, b] of [
      ['"remote work"', '"work remote"'],
      ['remote -work', 'work -remote'],
      ['remote or work', 'work or remote'],
    ]) {
      expect(keyOf({ query: SEARCH, variables: { q: a } })).not.toBe(keyOf({ query: SEARCH, variables: { q: b } }));
    }
  });

  it('leaves a variable alone when it is also used where its spelling matters', () => {
    const both = 'query Both($q: String!) { searchPosts(query: $q) { totalCount } analyzeText(text: $q) { wordCount } }';
    expect(keyOf({ query: both, variables: { q: 'a b' } })).not.toBe(keyOf({ query: both, variables: { q: 'b a' } }));
    const nested = 'query Nested($q: String!) { me { id } ... on Query { searchPosts(query: $q) { totalCount } } }';
    expect(keyOf({ query: nested, variables: { q: 'a b' } })).not.toBe(keyOf({ query: nested, variables: { q: 'b a' } }));
  });

  it('keys a document that does not parse by its variables as sent', () => {
    expect(keyOf({ query: 'query {', variables: { q: 'a b' } })).not.toBe(keyOf({ query: 'query {', variables: { q: 'b a' } }));
  });
});
