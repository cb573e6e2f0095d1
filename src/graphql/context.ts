import type { PrismaClient } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Services } from '../services.js';
import type { ResponseCookie } from '../shared/cookies.js';
import type { Viewer } from '../shared/viewer.js';

/** Built fresh for every request (and every WebSocket subscription), never mutated. */
export interface Context {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly prisma: PrismaClient;
  readonly log: Logger;
  readonly services: Services;
  /** Cookies the HTTP response sets (see useResponseCookies and responseCookiesOf); absent over WebSocket. */
  readonly responseCookies?: ResponseCookie[];
}
