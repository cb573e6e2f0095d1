import { z } from 'zod';
import { int, optionalInt, type ParsedEnv, type RunMode } from './parsers.js';

const DEFAULT_SECRET_KEY = 'dev-secret-key-change-me-in-production-0123456789';

/** OWASP's minimum for scrypt is N=2^17, r=8, p=1 (Password Storage Cheat Sheet): the cost is log2 N. */
export const OWASP_SCRYPT_MIN_COST = 17;
/** Tests hash hundreds of passwords: a cheaper cost keeps them quick (production refuses it). */
const TEST_PASSWORD_HASH_COST = 10;

/** Signing, sessions and passwords. */
export const authEnv = {
  SECRET_KEY: z.string().default(DEFAULT_SECRET_KEY),
  ACCESS_TOKEN_TTL_SECONDS: int(15 * 60, 60, 3600),
  REFRESH_TOKEN_TTL_SECONDS: int(30 * 24 * 3600, 3600, 365 * 24 * 3600),
  SESSION_REVOCATION_SYNC_MS: int(1000, 50, 60_000),
  PASSWORD_HASH_COST: optionalInt(10, 20),
};

export function authConfig(e: ParsedEnv<typeof authEnv>, mode: RunMode, problems: string[]) {
  if (mode.production && e.SECRET_KEY === DEFAULT_SECRET_KEY) {
    problems.push('SECRET_KEY: must be set in production (the development default is public)');
  }
  if (e.SECRET_KEY.length < 32) problems.push('SECRET_KEY: must be at least 32 characters');
  const passwordHashCost = e.PASSWORD_HASH_COST ?? (mode.test ? TEST_PASSWORD_HASH_COST : OWASP_SCRYPT_MIN_COST);
  if (mode.production && passwordHashCost < OWASP_SCRYPT_MIN_COST) {
    problems.push(`PASSWORD_HASH_COST: must be at least ${OWASP_SCRYPT_MIN_COST} in production (OWASP's scrypt minimum, N=2^17)`);
  }
  return {
    secretKey: e.SECRET_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    /** How often each API process reads sessions other processes ended. */
    revocationSyncMs: e.SESSION_REVOCATION_SYNC_MS,
    passwordHashCost,
  };
}
