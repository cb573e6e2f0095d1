import type { Logger } from './infra/logger.js';
import type { PrismaClient } from './infra/db/database.js';
import type { Services } from './services.js';

/** Who is calling: a signed-in author, or a service token (e.g. an engagement ingester). */
export type Viewer =
  | { kind: 'user'; userId: string; scopes: ReadonlySet<string> }
  | { kind: 'service'; name: string; scopes: ReadonlySet<string> };

/** Built fresh for every request (and every WebSocket subscription), never mutated. */
export interface Context {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly prisma: PrismaClient;
  readonly log: Logger;
  readonly services: Services;
}

export const viewerUserId = (ctx: Pick<Context, 'viewer'>): string | undefined =>
  ctx.viewer?.kind === 'user' ? ctx.viewer.userId : undefined;
