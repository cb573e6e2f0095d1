import type { PrismaClient } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Services } from '../services.js';
import type { ResponseCookie } from '../shared/cookies.js';
import type { AppError } from '../shared/errors.js';
import type { Viewer } from '../shared/viewer.js';

/** Built fresh for every request (and every WebSocket subscription), never mutated. */
export interface Context {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  /**
   * Why the credentials sent were refused (expired, invalid): the request runs anonymously, and
   * whatever needs a session answers with this rather than a plain "sign in".
   */
  readonly authProblem?: AppError;
  readonly prisma: PrismaClient;
  readonly log: Logger;
  readonly services: Services;
  /** Cookies the HTTP response sets (see useResponseCookies and responseCookiesOf); absent over WebSocket. */
  readonly responseCookies?: ResponseCookie[];
}
