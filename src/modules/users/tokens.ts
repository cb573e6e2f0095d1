import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '../../shared/errors.js';
import type { Viewer } from '../../shared/viewer.js';

const ISSUER = 'linkedin-posts-api';
const AUDIENCE = 'linkedin-posts-api';
const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 30;
/** Tokens whose signature was checked recently: a signed-in client sends the same one with every request. */
const VERIFIED_TOKENS_MAX = 10_000;

interface VerifiedToken {
  viewer: Viewer;
  /** Past this instant (expiry plus the clock tolerance, in ms) the token is refused again. */
  acceptedUntilMs: number;
}

export interface TokenService {
  issueUserToken(userId: string): Promise<string>;
  /** For machines (e.g. an engagement ingester): `scopes` such as `ingest`. */
  issueServiceToken(name: string, scopes: string[], ttlSeconds: number): Promise<string>;
  /** The viewer a bearer token stands for; throws UNAUTHENTICATED for anything invalid or expired. */
  verify(token: string): Promise<Viewer>;
}

export function createTokenService(secretKey: string, userTokenTtlSeconds: number): TokenService {
  const key = new TextEncoder().encode(secretKey);
  const sign = (subject: string, scopes: string[], ttlSeconds: number) =>
    new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);

  // The signature and every claim but expiry depend only on the token's bytes, so a verified token
  // stays valid until it expires; only valid tokens are kept, so garbage cannot evict them.
  const verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_MAX });

  async function verifySignatureAndClaims(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const viewer = viewerOfSubject(payload.sub ?? '', payload.scope);
      if (viewer) return { viewer, acceptedUntilMs: (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw sessionExpired();
    }
    throw unauthenticated('The bearer token is invalid.');
  }

  return {
    issueUserToken: (userId) => sign(`user:${userId}`, [], userTokenTtlSeconds),
    issueServiceToken: (name, scopes, ttlSeconds) => sign(`service:${name}`, scopes, ttlSeconds),
    async verify(token) {
      let entry = verified.get(token);
      if (!entry) verified.set(token, (entry = await verifySignatureAndClaims(token)));
      if (Date.now() >= entry.acceptedUntilMs) {
        verified.delete(token);
        throw sessionExpired();
      }
      return entry.viewer;
    },
  };
}

const sessionExpired = () => unauthenticated('Your session has expired; log in again.');

/** The viewer a token's subject names (frozen: cached viewers are shared by every request bearing the token). */
function viewerOfSubject(subject: string, scope: unknown): Viewer | undefined {
  const scopes: ReadonlySet<string> = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  const [kind, id] = splitSubject(subject);
  if (kind === 'user') return Object.freeze({ kind, userId: id, scopes });
  if (kind === 'service') return Object.freeze({ kind, name: id, scopes });
  return undefined;
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at > 0 ? [subject.slice(0, at), subject.slice(at + 1)] : ['', ''];
}
