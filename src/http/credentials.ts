import type { Caller } from '../server-context.js';
import { AppError } from '../shared/errors.js';
import type { Viewer } from '../shared/viewer.js';

/** Who a request says it is: a verified viewer, nobody, or why its credentials were refused. */
export interface Credentials {
  viewer: Viewer | null;
  authError?: AppError;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Whatever was wrong with a user's credentials, their way out is the same: sign in again. A machine's service token says its own. */
const refused = (reason: string) =>
  new AppError('UNAUTHENTICATED', /log in again|service token/i.test(reason) ? reason : `${reason.replace(/\.$/, '')}; log in again.`);
const ANONYMOUS: Credentials = Object.freeze({ viewer: null });

/**
 * Reads an Authorization header once per request (or WebSocket operation): the token is verified
 * here and nowhere else. A refused token is not thrown: the request still spends its IP's budget,
 * and the operations that run answer UNAUTHENTICATED.
 */
export function createCredentialsReader(verify: (token: string) => Promise<Viewer>) {
  return async (authorization: string | undefined): Promise<Credentials> => {
    if (!authorization) return ANONYMOUS;
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) return { viewer: null, authError: refused('The Authorization header must be "Bearer <token>"') };
    try {
      return { viewer: await verify(token) };
    } catch (error) {
      if (error instanceof AppError) return { viewer: null, authError: refused(error.message) };
      throw error;
    }
  };
}

export type CredentialsReader = ReturnType<typeof createCredentialsReader>;

/**
 * Credentials read earlier (a WebSocket's, at `connection_init`) as they stand now: refused once
 * `refusal` has a reason (their session ended). Checked from memory, not verified again.
 */
export function createCredentialsRecheck(refusal: (viewer: Viewer) => AppError | undefined) {
  return (credentials: Credentials): Credentials => {
    const authError = credentials.viewer && refusal(credentials.viewer);
    return authError ? { viewer: null, authError } : credentials;
  };
}

export type CredentialsRecheck = ReturnType<typeof createCredentialsRecheck>;

/** Signed-in callers spend their own budget; everyone else (refused tokens included) spends their IP's. */
export function callerOf(viewer: Viewer | null, clientIp: string): Caller {
  if (viewer?.kind === 'user') return { key: `user:${viewer.userId}`, anonymous: false };
  if (viewer?.kind === 'service') return { key: `service:${viewer.name}`, anonymous: false };
  return { key: `ip:${clientIp}`, anonymous: true };
}
