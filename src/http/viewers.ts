import { createGraphQLError } from 'graphql-yoga';
import type { Viewer } from '../context.js';
import type { Caller, ServerContext } from '../plugins/rate-limit.js';
import { AppError } from '../shared/errors.js';
import { clientIp } from './client-ip.js';

function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Who a request is, from its Authorization header: verified once per request and shared by the
 * rate limiter (which only needs a budget key) and the GraphQL context (which needs the viewer).
 */
export function createViewerResolver(verify: (token: string) => Promise<Viewer>, trustProxy: boolean) {
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();

  function viewerOf(request: Request): Promise<Viewer | null> {
    let viewer = viewers.get(request);
    if (!viewer) {
      const authorization = request.headers.get('authorization');
      viewer = (async () => {
        const token = bearerToken(authorization);
        return token ? await verify(token) : null;
      })();
      viewer.catch(() => undefined);
      viewers.set(request, viewer);
    }
    return viewer;
  }

  return {
    /** The signed-in viewer or null; a bad or expired token is a 401 UNAUTHENTICATED GraphQL error. */
    async viewerFrom(request: Request): Promise<Viewer | null> {
      try {
        return await viewerOf(request);
      } catch (error) {
        if (error instanceof AppError) {
          throw createGraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
    },

    /** Signed-in callers spend their own budget; everyone else (bad tokens included) spends their IP's. */
    async identify(request: Request, serverContext: ServerContext): Promise<Caller> {
      const viewer = await viewerOf(request).catch(() => null);
      if (viewer?.kind === 'user') return { key: `user:${viewer.userId}`, anonymous: false };
      if (viewer?.kind === 'service') return { key: `service:${viewer.name}`, anonymous: false };
      return { key: `ip:${clientIp(serverContext.req, trustProxy)}`, anonymous: true };
    },
  };
}
