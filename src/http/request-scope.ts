import { AsyncLocalStorage } from 'node:async_hooks';

/** What the GraphQL layer learns about an HTTP request, for its access log line. */
export interface RequestRecord {
  readonly requestId: string;
  operationName?: string;
  operationType?: string;
  userId?: string;
}

const scope = new AsyncLocalStorage<RequestRecord>();

export const runInRequestScope = <T>(record: RequestRecord, fn: () => T): T => scope.run(record, fn);

/** The record of the HTTP request being served, if any (WebSocket operations have none). */
export const currentRequest = (): RequestRecord | undefined => scope.getStore();
