import type { IncomingMessage } from 'node:http';

/** What the GraphQL layer learns about an HTTP request, for its access log line. */
export interface RequestRecord {
  readonly requestId: string;
  operationName?: string;
  operationType?: string;
  userId?: string;
}

// Kept beside the request instead of in an AsyncLocalStorage: on Node 20 an AsyncLocalStorage in use
// hooks every promise the process creates (WebSocket fan-out included), a quarter of its CPU there.
const records = new WeakMap<IncomingMessage, RequestRecord>();

export const recordRequest = (req: IncomingMessage, record: RequestRecord) => void records.set(req, record);

/** The record of the HTTP request being served, if any (WebSocket operations have none). */
export const requestRecordOf = (req: IncomingMessage | undefined): RequestRecord | undefined => (req ? records.get(req) : undefined);
