import type { PrismaClient } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Services } from '../services.js';
import type { Viewer } from '../shared/viewer.js';

/** Built fresh for every request (and every WebSocket subscription), never mutated. */
export interface Context {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly prisma: PrismaClient;
  readonly log: Logger;
  readonly services: Services;
}
