import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Context as SocketContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Metrics } from '../infra/metrics.js';
import type { EdgeRequest, GraphQLEndpoint, GraphQLParams } from '../server-context.js';
import type { Admission } from './admission.js';
import { createClientIp, type TrustedProxies } from './client-ip.js';
import { type Credentials, type CredentialsReader, type CredentialsRecheck, callerOf } from './credentials.js';
import { acceptedRequestId } from './request-id.js';

export interface WebSocketDeps {
  graphql: () => GraphQLEndpoint;
  /** Operations running at once over one socket. */
  maxOperationsPerSocket: number;
  /** Unread bytes after which a socket is closed with SLOW_READER. */
  maxBufferedBytes: number;
  credentials: CredentialsReader;
  /** The socket's credentials at each operation: a session ended since the connection takes no new one. */
  recheck: CredentialsRecheck;
  admission?: Admission;
  trustProxy: TrustedProxies;
  metrics: Metrics;
  path: string;
}

/** A WebSocket closed because its caller is over their budget (graphql-ws leaves 4000–4999 to applications). */
const TOO_MANY_REQUESTS = 4429;
/** A WebSocket closed because its client did not read what it was sent. */
const SLOW_READER = 4408;

/** What the edge settled for one socket at `connection_init`. */
interface SocketState {
  clientIp: string;
  credentials: Credentials;
}

/**
 * GraphiQL (through @graphql-tools/url-loader) sends its headers editor's content as the
 * subscribe message's `extensions.headers`, not as connection params.
 */
function authorizationInExtensions(extensions: Record<string, unknown> | null | undefined): string | undefined {
  const headers = extensions?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

const stringParam = (params: Record<string, unknown> | undefined, name: string) => (typeof params?.[name] === 'string' ? (params[name] as string) : undefined);

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's GraphQL path, digested by the
 * same edge rules as HTTP: the socket's real client IP (behind a trusted proxy too), credentials from
 * `connectionParams.authorization` verified once per socket (its session checked again, from memory, at
 * every operation), and global admission spent by `connection_init` and by every operation, so one
 * budget covers a caller over every transport.
 */
export function attachWebSocket(server: Server, deps: WebSocketDeps) {
  const { credentials, admission, metrics } = deps;
  const wss = new WebSocketServer({ server, path: deps.path, maxPayload: 1024 * 1024 });
  const sockets = new WeakMap<SocketContext, SocketState>();
  const clientIp = createClientIp(deps.trustProxy);
  // Registered before graphql-ws's own listener, so every message it sends passes here.
  wss.on('connection', (socket) => {
    const send = socket.send.bind(socket) as (data: unknown, callback: (error?: Error) => void) => void;
    socket.send = ((data: unknown, callback?: (error?: Error) => void) => {
      // A send that fails because the socket went away (closed for not reading, a client that vanished)
      // has nobody left to tell; graphql-ws would print it to stderr as an internal error.
      send(data, (error) => callback?.(error && socket.readyState === socket.OPEN ? error : undefined));
      // Checked after queueing, not before: answers finished together are all sent before any is
      // buffered, so a check before each send would let a burst of them through unnoticed.
      if (socket.readyState !== socket.OPEN || socket.bufferedAmount <= deps.maxBufferedBytes) return;
      metrics.subscriptionsRefused.inc({ limit: 'slow_reader' });
      socket.close(SLOW_READER, 'Messages are not being read');
    }) as typeof socket.send;
  });

  async function admitted(edge: Pick<EdgeRequest, 'caller' | 'requestId'>): Promise<GraphQLError | undefined> {
    if (!admission) return undefined;
    const decision = await admission.admit(edge.caller);
    if (decision.allowed) return undefined;
    const { message, extensions } = admission.refusal(decision, edge.requestId);
    return new GraphQLError(message, { extensions });
  }

  const disposable = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      execute: (args) => deps.graphql().execute(args),
      subscribe: (args) => deps.graphql().subscribe(args),
      onConnect: async (ctx) => {
        const state = {
          clientIp: clientIp(ctx.extra.request),
          credentials: await credentials(stringParam(ctx.connectionParams, 'authorization')),
        };
        sockets.set(ctx, state);
        metrics.websocketConnections.inc();
        // Refused credentials close the socket with 4403 Forbidden: clients refresh their token on it and reconnect.
        if (state.credentials.authError) return false;
        const refused = await admitted({ caller: callerOf(state.credentials.viewer, state.clientIp), requestId: '' });
        if (!refused) return true;
        ctx.extra.socket.close(TOO_MANY_REQUESTS, 'Too many requests');
        return false;
      },
      onClose: (ctx) => {
        // A socket that never sent connection_init was never counted.
        if (sockets.has(ctx)) metrics.websocketConnections.dec();
        sockets.delete(ctx);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = sockets.get(ctx)!;
        // graphql-ws holds this operation among the socket's already.
        if (Object.keys(ctx.subscriptions).length > deps.maxOperationsPerSocket) {
          metrics.subscriptionsRefused.inc({ limit: 'socket' });
          const message = `At most ${deps.maxOperationsPerSocket} operations may run at once over one connection.`;
          return [new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: deps.maxOperationsPerSocket } })];
        }
        const fromExtensions = state.credentials.viewer || state.credentials.authError ? undefined : authorizationInExtensions(payload.extensions);
        const { viewer, authError } = fromExtensions ? await credentials(fromExtensions) : deps.recheck(state.credentials);
        const edge: EdgeRequest = {
          requestId: acceptedRequestId(stringParam(ctx.connectionParams, 'requestId')),
          transport: 'websocket',
          clientIp: state.clientIp,
          viewer,
          authError,
          caller: callerOf(viewer, state.clientIp),
          params: payload as GraphQLParams,
          note: {},
        };
        const refused = await admitted(edge);
        if (refused) return [refused];
        return deps.graphql().prepareOperation({ edge });
      },
    },
    wss,
  );
  return {
    wss,
    async close(code = 1001, reason = 'Server is shutting down') {
      for (const client of wss.clients) client.close(code, reason);
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
