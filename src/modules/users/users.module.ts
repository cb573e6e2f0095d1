import type { Module, ModuleDeps } from '../module.types.js';
import { createAuthService } from './auth.service.js';
import { createPasswordHasher } from './password.js';
import { createTokenService } from './tokens.js';

/** Accounts, passwords and the bearer tokens every request is identified by. */
export function createUsersModule({ config, db }: ModuleDeps) {
  const tokens = createTokenService(config.auth.secretKey, config.auth.tokenTtlSeconds);
  return { services: { tokens, auth: createAuthService(db.prisma, tokens, createPasswordHasher(config.auth.passwordHashCost)) } } satisfies Module<object>;
}
