/**
 * Whether an error means the database cannot be reached right now (down, restarting, refusing
 * connections, or the pool timed out waiting for one), as opposed to a bug or bad data.
 * Prisma wraps driver failures; the cause chain is walked so a raw pg error is recognised too.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up), 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const POOL_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Unable to start a transaction in the given time/i;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

function matches(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof error.kind === 'string' && ADAPTER_KINDS.has(error.kind)) return true;
  if (typeof error.originalCode === 'string' && SQLSTATE.test(error.originalCode)) return true;
  return typeof error.message === 'string' && POOL_MESSAGES.test(error.message);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const next = queue.shift();
    if (!next || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const candidate = next as ErrorLike;
    if (matches(candidate)) return true;
    queue.push(candidate.cause, candidate.meta?.driverAdapterError, candidate.meta?.driverAdapterError?.cause);
  }
  return false;
}
