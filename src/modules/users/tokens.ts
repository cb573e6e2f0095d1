import { errors, jwtVerify, SignJWT } from 'jose';
import type { Viewer } from '../../context.js';
import { unauthenticated } from '../../shared/errors.js';

const ISSUER = 'linkedin-posts-api';
const AUDIENCE = 'linkedin-posts-api';
const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 30;

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

  return {
    issueUserToken: (userId) => sign(`user:${userId}`, [], userTokenTtlSeconds),
    issueServiceToken: (name, scopes, ttlSeconds) => sign(`service:${name}`, scopes, ttlSeconds),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []);
        const [kind, id] = splitSubject(payload.sub ?? '');
        if (kind === 'user') return { kind, userId: id, scopes };
        if (kind === 'service') return { kind, name: id, scopes };
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw unauthenticated('Your session has expired; log in again.');
      }
      throw unauthenticated('The bearer token is invalid.');
    },
  };
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at > 0 ? [subject.slice(0, at), subject.slice(at + 1)] : ['', ''];
}
