import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { httpStatus } from '../http-status.js';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner, depth + 1));
}

/** PostgreSQL text cannot hold NUL characters; refuse them up front as the client's mistake. */
export function useRejectNulCharacters(): Plugin {
  return {
    onParams({ params }) {
      if (containsNul(params.query) || containsNul(params.variables)) {
        throw createGraphQLError('Text must not contain NUL (\\u0000) characters.', {
          extensions: { code: 'BAD_USER_INPUT', fields: [], http: httpStatus(400) },
        });
      }
    },
  };
}
