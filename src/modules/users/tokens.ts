import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { AppError, serviceUnavailable, unauthenticated } from '../../shared/errors.js';
import type { Viewer } from '../../shared/viewer.js';

const ISSUER = 'linkedin-posts-api';
const AUDIENCE = 'linkedin-posts-api';
const ALGORITHM = 'HS256';
export const ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;
/** Tokens whose signature was checked recently: a signed-in client sends the same one with every request. */
const VERIFIED_TOKENS_MAX = 10_000;

interface VerifiedToken {
  viewer: Viewer;
  /** Past this instant (expiry plus the clock tolerance, in ms) the token is refused again. */
  acceptedUntilMs: number;
}

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** Which sessions were ended early: asked on every request, so it must answer from memory. */
export interface RevocationCheck {
  /** Resolves once the check can be trusted (at start, the sessions ended before are loaded). */
  ready(): Promise<void>;
  isRevoked(sessionId: string): boolean;
}

export interface TokenService {
  /** A short-lived JWT for one session of a user: its `sid` claim is the session's id. */
  issueAccessToken(userId: string, sessionId: string): Promise<AccessToken>;
  /** The viewer a bearer token (a JWT or a service token) stands for; throws UNAUTHENTICATED for anything invalid, expired, revoked or of an ended session. */
  verify(token: string): Promise<Viewer>;
  /** Why a viewer verified earlier (a WebSocket's, at connection) may act no more: its session ended (or its service token was revoked) since. */
  refusal(viewer: Viewer): AppError | undefined;
}

/** Service tokens are not JWTs: they name a stored row (see ServiceTokenService). */
export interface ServiceTokenLookup {
  isServiceToken(token: string): boolean;
  viewerOf(token: string): Promise<Viewer>;
}

export function createTokenService(
  secretKey: string,
  accessTokenTtlSeconds: number,
  revocations: RevocationCheck,
  serviceTokens: ServiceTokenLookup,
): TokenService {
  const key = new TextEncoder().encode(secretKey);
  const sign = (subject: string, claims: Record<string, string>, ttlSeconds: number, issuedAt: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(key);

  // The signature and every claim but expiry depend only on the token's bytes, so a verified token
  // stays valid until it expires or its session ends; only valid tokens are kept, so garbage cannot evict them.
  const verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_MAX });
  let trusted = false;

  async function verifySignatureAndClaims(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTolerance: ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const viewer = viewerOf(payload.sub ?? '', payload.scope, payload.sid);
      if (viewer) return { viewer, acceptedUntilMs: (payload.exp! + ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS) * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw sessionExpired();
    }
    throw unauthenticated('The bearer token is invalid.');
  }

  async function awaitRevocations() {
    try {
      await revocations.ready();
      trusted = true;
    } catch {
      throw serviceUnavailable();
    }
  }

  const refusal = (viewer: Viewer) => {
    if (viewer.kind === 'service')
      return revocations.isRevoked(viewer.tokenId)
        ? new AppError('UNAUTHENTICATED', 'This service token was revoked; an owner can issue a new one.')
        : undefined;
    return revocations.isRevoked(viewer.sessionId)
      ? new AppError('UNAUTHENTICATED', 'This session has ended (logged out, or ended from another device); log in again.')
      : undefined;
  };

  return {
    async issueAccessToken(userId, sessionId) {
      const issuedAt = Math.floor(Date.now() / 1000);
      const token = await sign(`user:${userId}`, { scope: '', sid: sessionId }, accessTokenTtlSeconds, issuedAt);
      return { token, expiresAt: new Date((issuedAt + accessTokenTtlSeconds) * 1000) };
    },
    async verify(token) {
      let viewer: Viewer;
      if (serviceTokens.isServiceToken(token)) {
        viewer = await serviceTokens.viewerOf(token);
      } else {
        let entry = verified.get(token);
        if (!entry) verified.set(token, (entry = await verifySignatureAndClaims(token)));
        if (Date.now() >= entry.acceptedUntilMs) {
          verified.delete(token);
          throw sessionExpired();
        }
        viewer = entry.viewer;
      }
      if (!trusted) await awaitRevocations();
      const refused = refusal(viewer);
      if (refused) {
        verified.delete(token);
        throw refused;
      }
      return viewer;
    },
    refusal,
  };
}

const sessionExpired = () => unauthenticated('Your session has expired; refresh it or log in again.');

/**
 * The viewer a token's subject names (frozen: cached viewers are shared by every request bearing the
 * token). A user token without a session id predates sessions that can be ended, and a service JWT
 * predates service tokens that can be revoked: neither is accepted.
 */
function viewerOf(subject: string, scope: unknown, sessionId: unknown): Viewer | undefined {
  const scopes: ReadonlySet<string> = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  const [kind, id] = splitSubject(subject);
  if (kind === 'user' && typeof sessionId === 'string' && sessionId) return Object.freeze({ kind, userId: id, sessionId, scopes });
  return undefined;
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at > 0 ? [subject.slice(0, at), subject.slice(at + 1)] : ['', ''];
}
