import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { createHandler, type OperationArgs, type OperationResult } from 'graphql-sse';
import type { EdgeRequest, GraphQLEndpoint, GraphQLParams } from '../server-context.js';

const STREAM_TOKEN = 'x-graphql-event-stream-token';

const isErrorList = (prepared: ExecutionArgs | readonly GraphQLError[]): prepared is readonly GraphQLError[] => Array.isArray(prepared);

/**
 * Whether a request belongs to graphql-sse's protocol (either of its modes), not to plain GraphQL over
 * HTTP. Its client asks for exactly `text/event-stream`, the only Accept its handler streams for; a
 * client listing it among others (urql's default Accept does) is answered by GraphQL over HTTP's own
 * negotiation, which graphql-sse would refuse ("Stream not found").
 */
export function isEventStreamRequest(req: IncomingMessage): boolean {
  return req.method === 'PUT' || req.method === 'DELETE' || req.headers[STREAM_TOKEN] !== undefined || req.headers.accept?.trim() === 'text/event-stream';
}

const write = (res: ServerResponse, chunk: string) =>
  new Promise<boolean>((resolve, reject) => (res.writable ? res.write(chunk, (error) => (error ? reject(error) : resolve(true))) : resolve(false)));

/**
 * GraphQL over Server-Sent Events with graphql-sse's own protocol handler, in both its modes:
 * distinct connections (a stream per operation) and a single connection (PUT reserves a stream,
 * GET opens it, POSTs with X-GraphQL-Event-Stream-Token add operations to it, DELETE stops one).
 * Every request reached it through the edge, digested and admitted like any other; each operation
 * is prepared and run by the GraphQL layer as a WebSocket's are.
 */
export function createEventStreams(graphql: () => GraphQLEndpoint) {
  const handler = createHandler<IncomingMessage, { edge: EdgeRequest }>({
    execute: (args) => graphql().execute(args) as OperationResult,
    subscribe: (args) => graphql().subscribe(args) as OperationResult,
    async onSubscribe(req, params): Promise<OperationResult | OperationArgs> {
      const prepared = await graphql().prepareOperation({ edge: { ...req.context.edge, params: params as GraphQLParams } });
      return isErrorList(prepared) ? { errors: [...prepared] } : (prepared as OperationArgs);
    },
  });

  /** Streams being written, ended when the server drains (as WebSockets are closed with 1001). */
  const open = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse, edge: EdgeRequest): Promise<void> {
    const [body, init] = await handler({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: { get: (name) => [req.headers[name.toLowerCase()]].flat().join('\n') || null },
      // The edge has read and parsed the body already.
      body: (edge.params as Record<string, unknown> | undefined) ?? null,
      raw: req,
      context: { edge },
    });
    res.writeHead(init.status, init.statusText, init.headers as Record<string, string>);
    if (!body || typeof body === 'string') return void res.end(body);
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      void body.return(undefined);
    });
    for await (const chunk of body) if (!(await write(res, chunk))) break;
    res.end();
  }

  return {
    handle,
    /** Ends every open stream: the server is shutting down. */
    close() {
      for (const res of open) res.end();
    },
  };
}
