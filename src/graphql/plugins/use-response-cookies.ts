import type { Plugin } from 'graphql-yoga';
import { type ResponseCookie, serializeCookie } from '../../shared/cookies.js';
import { badInput } from '../../shared/errors.js';

/** What an HTTP request's server context carries for this plugin: the cookies its response will set. */
export interface ResponseCookiesServerContext {
  responseCookies?: ResponseCookie[];
}

/**
 * Lets resolvers set cookies on the HTTP response: each request's server context gets a list
 * (exposed on the GraphQL context as `responseCookies`), written as Set-Cookie headers when Yoga
 * has built the response. WebSocket operations have no response of their own, so no list.
 */
export function useResponseCookies(): Plugin<object, ResponseCookiesServerContext> {
  return {
    onRequest({ serverContext }) {
      serverContext.responseCookies = [];
    },
    onResponse({ response, serverContext }) {
      for (const cookie of serverContext.responseCookies ?? []) response.headers.append('set-cookie', serializeCookie(cookie));
    },
  };
}

/** The cookies the response will set, to add to; BAD_USER_INPUT over a transport without a response (a WebSocket). */
export function responseCookiesOf(ctx: { readonly responseCookies?: ResponseCookie[] }): ResponseCookie[] {
  if (!ctx.responseCookies) throw badInput([], 'Send this mutation over HTTP: its response sets a cookie.');
  return ctx.responseCookies;
}
