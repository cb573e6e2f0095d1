import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Metrics } from '../infra/metrics.js';

type Enveloped = ReturnType<YogaServerInstance<object, object>['getEnveloped']>;

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's /graphql path. Every
 * subscription runs through Yoga's envelop, so it gets the same context, auth and plugins
 * as an HTTP request; `connectionParams.authorization` stands in for the header.
 */

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

export function attachWebSocket(server: Server, yoga: YogaServerInstance<object, object>, metrics: Metrics, path = '/graphql') {
  const wss = new WebSocketServer({ server, path, maxPayload: 1024 * 1024 });
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args as ExecutionArgs),
      onConnect: () => {
        metrics.websocketConnections.inc();
      },
      onClose: () => {
        metrics.websocketConnections.dec();
      },
      onSubscribe: async (ctx, _id, payload) => {
        const headers = new Headers();
        const authorization = ctx.connectionParams?.authorization ?? authorizationInExtensions(payload.extensions);
        if (typeof authorization === 'string') headers.set('authorization', authorization);
        const requestId = ctx.connectionParams?.requestId;
        if (typeof requestId === 'string') headers.set('x-request-id', requestId);
        const request = new Request(`http://localhost${path}`, { method: 'POST', headers });
        const enveloped = yoga.getEnveloped({ request, params: payload, socket: ctx.extra.socket, connectionParams: ctx.connectionParams });
        const document = enveloped.parse(payload.query);
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length) return errors;
        let contextValue: unknown;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: enveloped,
        };
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
