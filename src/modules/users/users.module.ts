import type { Module, ModuleDeps } from '../module.types.js';
import type { AccountServiceDeps } from './account.service.js';
import { createAccountService } from './account.service.js';
import { createAuthService } from './auth.service.js';
import { createPasswordHasher } from './password.js';
import { createRoleService } from './roles.service.js';
import { isServiceTokenText } from './service-token.rules.js';
import { createServiceTokenService } from './service-tokens.service.js';
import { createSessionRevocations } from './session-revocations.js';
import { createSessionService } from './sessions.service.js';
import { createTokenService } from './tokens.js';

/** Expired sessions and revocations are swept this often (by every API process; the deletes are idempotent). */
const PRUNE_INTERVAL_MS = 60_000;

/** Accounts and their roles, passwords, sessions, service tokens and the bearer tokens every request is identified by. */
export function createUsersModule({ config, db, logger, role, cache, pubsub }: ModuleDeps, media: AccountServiceDeps['media']) {
  const log = logger.child({ module: 'users' });
  const { auth } = config;
  const revocations = createSessionRevocations({ prisma: db.prisma, accessTokenTtlSeconds: auth.accessTokenTtlSeconds, logger: log });
  const serviceTokens = createServiceTokenService({ prisma: db.prisma, revocations });
  const tokens = createTokenService(auth.secretKey, auth.accessTokenTtlSeconds, revocations, {
    isServiceToken: isServiceTokenText,
    viewerOf: serviceTokens.viewerOf,
  });
  const sessions = createSessionService({ prisma: db.prisma, tokens, revocations, refreshTokenTtlSeconds: auth.refreshTokenTtlSeconds, logger: log });
  const passwords = createPasswordHasher(auth.passwordHashCost);
  const timers: NodeJS.Timeout[] = [];
  const prune = () =>
    Promise.all([revocations.prune(), sessions.prune()]).catch((error: unknown) => log.warn({ err: error }, 'could not prune ended sessions'));

  return {
    services: {
      tokens,
      serviceTokens,
      roles: createRoleService(db.prisma),
      sessions,
      auth: createAuthService(db.prisma, sessions, passwords),
      accounts: createAccountService({ prisma: db.prisma, passwords, sessions, cache, pubsub, logger: log, media }),
    },
    // Only API processes verify tokens: they learn of sessions other processes ended.
    background:
      role === 'api'
        ? {
            async start() {
              await revocations.ready().catch((error: unknown) => log.warn({ err: error }, 'could not read ended sessions at start; retrying'));
              timers.push(setInterval(() => void revocations.sync(), auth.revocationSyncMs).unref());
              timers.push(setInterval(() => void prune(), PRUNE_INTERVAL_MS).unref());
            },
            async stop() {
              for (const timer of timers.splice(0)) clearInterval(timer);
              await revocations.idle();
            },
          }
        : undefined,
  } satisfies Module<object>;
}
