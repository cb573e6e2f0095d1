import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';
import type { AppError } from './shared/errors.js';
import type { Viewer } from './shared/viewer.js';

/**
 * The one interface between the node:http edge (src/http) and the GraphQL layer (src/graphql):
 * the edge digests every request once (request id, client IP, caller, body, admission) into an
 * `EdgeRequest` and hands it over as the server context; GraphQL answers through `GraphQLEndpoint`.
 */

/** The GraphQL-over-HTTP parameters of one request, as the client sent them. */
export interface GraphQLParams {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
  /** A persisted document's id (GraphQL over HTTP), bare or "sha256:<hex>". */
  documentId?: string;
}

/** Who spends from a rate-limit budget: `user:<id>`, `service:<name>` or `ip:<address>`. */
export interface Caller {
  readonly key: string;
  readonly anonymous: boolean;
}

/** How long the response cache keeps an answer, which the edge turns into the client's caching headers. */
export interface CacheHint {
  /** The smallest TTL among the fields the answer holds (what is left of it, for an answer served from the cache). */
  readonly maxAgeMs: number;
}

/** What the GraphQL layer learns about a request, for its access log line and its caching headers. */
export interface OperationNote {
  operationName?: string;
  operationType?: string;
  userId?: string;
  /** Set only for an answer the response cache keeps (a query, no errors, a TTL above 0): none means uncacheable. */
  cacheHint?: CacheHint;
}

/** One request (an HTTP request, or one operation over a WebSocket) as the edge decided it. */
export interface EdgeRequest {
  readonly requestId: string;
  readonly transport: 'http' | 'websocket' | 'internal';
  readonly clientIp: string;
  /** The verified caller; null when anonymous or when the credentials were refused (see `authError`). */
  readonly viewer: Viewer | null;
  /** Why the credentials sent were refused (bad, expired, not Bearer); operations then answer it. */
  readonly authError?: AppError;
  readonly caller: Caller;
  /** The parameters the edge parsed (JSON body or GET query); absent when GraphQL must read the body itself. */
  readonly params?: GraphQLParams;
  /** The server re-running an answer on its own (a stale cache entry): nobody's budget, no cache look-up. */
  readonly internal?: boolean;
  /** Filled in by the GraphQL layer. */
  readonly note: OperationNote;
}

export interface ServerContext {
  readonly edge: EdgeRequest;
}

/** What the edge asks of the GraphQL layer. */
export interface GraphQLEndpoint {
  /** Answers one HTTP request to /graphql that the edge has digested and admitted. */
  handle(req: IncomingMessage, res: ServerResponse, context: ServerContext): void;
  /** Runs a request without a client connection (revalidation, warm-up): the response body, as sent. */
  run(context: ServerContext): Promise<{ status: number; body: string }>;
  /**
   * Parses, validates and builds the context of one operation that a streaming transport (WebSocket,
   * Server-Sent Events) runs itself: the arguments to execute or subscribe with, or why not.
   */
  prepareOperation(context: ServerContext): Promise<ExecutionArgs | readonly GraphQLError[]>;
  execute(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> | ExecutionResult;
  subscribe(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> | ExecutionResult | AsyncIterable<ExecutionResult>;
  dispose(): Promise<void>;
}
