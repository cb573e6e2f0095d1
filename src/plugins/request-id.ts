import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const ids = new WeakMap<Request, string>();
const ACCEPTED = /^[\w.:@/-]{1,128}$/;

/** The caller's X-Request-Id header value when it is sane, else a fresh id. */
export const acceptedRequestId = (given: string | null | undefined): string => (given && ACCEPTED.test(given) ? given : randomUUID());

/** The caller's X-Request-Id when it is sane, else a fresh one; stable for the whole request. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    id = acceptedRequestId(request.headers.get('x-request-id'));
    ids.set(request, id);
  }
  return id;
}

/** Echoes the request id on every response so clients and logs can be matched. */
export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
