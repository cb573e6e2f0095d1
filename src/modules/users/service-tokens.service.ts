import { LRUCache } from 'lru-cache';
import type { ServiceToken } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { badInput, isAppError, notFound, serviceUnavailable, unauthenticated } from '../../shared/errors.js';
import type { Viewer } from '../../shared/viewer.js';
import { newServiceTokenText, SERVICE_TOKEN_RECHECK_MS, serviceTokenHash, serviceTokenProblems } from './service-token.rules.js';
import type { SessionRevocations } from './session-revocations.js';

export interface ServiceTokenServiceDeps {
  prisma: PrismaClient;
  revocations: Pick<SessionRevocations, 'revoke'>;
}

export interface IssuedServiceToken {
  /** The token itself: shown once, never stored. */
  token: string;
  serviceToken: ServiceToken;
}

/** Live tokens this process read recently; only tokens found live are kept, so garbage cannot evict them. */
const KNOWN_TOKENS_MAX = 1_000;

interface KnownToken {
  viewer: Extract<Viewer, { kind: 'service' }>;
  /** Until when (ms) the row read is trusted without reading it again. */
  freshUntilMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NEVER = new Date('9999-12-31T00:00:00Z');

const revokedOrUnknown = () => unauthenticated('This service token is unknown or was revoked; an owner can issue a new one.');

/**
 * Named service tokens for machines (engagement ingesters): random, stored as their SHA-256, with
 * no expiry until revoked. A token's row is read at most once a minute per process (and `lastUsedAt`
 * moved then); revoking one writes it to the session revocations every process polls, so it is
 * refused at once here and within SESSION_REVOCATION_SYNC_MS elsewhere.
 */
export function createServiceTokenService({ prisma, revocations }: ServiceTokenServiceDeps) {
  const known = new LRUCache<string, KnownToken>({ max: KNOWN_TOKENS_MAX });
  /** Reads under way, so a burst of requests with a token not yet known reads its row once. */
  const reading = new Map<string, Promise<KnownToken>>();

  async function readRow(tokenHash: string): Promise<KnownToken> {
    try {
      return await readAndTouch(tokenHash);
    } catch (error) {
      // Like a session check that cannot be made: the caller may try again shortly.
      throw isAppError(error) ? error : serviceUnavailable();
    }
  }

  async function readAndTouch(tokenHash: string): Promise<KnownToken> {
    const row = await prisma.serviceToken.findUnique({
      where: { tokenHash },
      select: { id: true, name: true, scopes: true, lastUsedAt: true, revokedAt: true },
    });
    if (!row || row.revokedAt) throw revokedOrUnknown();
    const now = Date.now();
    if (!row.lastUsedAt || row.lastUsedAt.getTime() <= now - SERVICE_TOKEN_RECHECK_MS) {
      await prisma.serviceToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    const viewer = Object.freeze({ kind: 'service' as const, name: row.name, tokenId: row.id, scopes: new Set(row.scopes) as ReadonlySet<string> });
    return { viewer, freshUntilMs: now + SERVICE_TOKEN_RECHECK_MS };
  }

  return {
    /** Mints a token; its text is in the answer and nowhere else. BAD_USER_INPUT for a bad name or scope. */
    async issue(input: { name: string; scopes: readonly string[]; createdById?: string }): Promise<IssuedServiceToken> {
      const problems = serviceTokenProblems(input.name, input.scopes);
      if (problems.length) throw badInput(problems);
      const token = newServiceTokenText();
      const serviceToken = await prisma.serviceToken.create({
        data: { name: input.name, scopes: [...new Set(input.scopes)], tokenHash: serviceTokenHash(token), createdById: input.createdById ?? null },
      });
      return { token, serviceToken };
    },

    /** Revokes a token (again: no change); NOT_FOUND for an unknown id. */
    async revoke(id: string): Promise<ServiceToken> {
      const row = UUID.test(id) ? await prisma.serviceToken.findUnique({ where: { id }, select: { revokedAt: true } }) : null;
      if (!row) throw notFound('Service token');
      // Refused by every process first, so a failure later leaves it refused rather than half-revoked. A service
      // token never expires, so neither does its revocation: a WebSocket opened with it is checked against it for good.
      await revocations.revoke([id], NEVER);
      if (!row.revokedAt) await prisma.serviceToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
      return prisma.serviceToken.findUniqueOrThrow({ where: { id } });
    },

    /** Every token, newest first. */
    list: (): Promise<ServiceToken[]> => prisma.serviceToken.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),

    /** The viewer a token stands for; UNAUTHENTICATED when unknown or revoked (revocation itself is the caller's to check). */
    async viewerOf(token: string): Promise<Viewer> {
      const tokenHash = serviceTokenHash(token);
      let entry = known.get(tokenHash);
      if (!entry || entry.freshUntilMs <= Date.now()) {
        let read = reading.get(tokenHash);
        if (!read) {
          read = readRow(tokenHash).finally(() => reading.delete(tokenHash));
          reading.set(tokenHash, read);
        }
        known.delete(tokenHash);
        entry = await read;
        known.set(tokenHash, entry);
      }
      return entry.viewer;
    },
  };
}
