import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationNote } from '../server-context.js';

/** What the edge knows of a request before it digests it: its id, and the note GraphQL fills in. */
export interface ObservedRequest {
  readonly requestId: string;
  readonly note: OperationNote;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';

/** One entry of the server's route table: every path it serves, GraphQL included. */
export interface Route {
  methods: readonly Method[];
  path: string;
  /** Further condition on the request (e.g. GraphiQL answers browsers asking for HTML). */
  accepts?: (req: IncomingMessage) => boolean;
  /** Probes and scrapes: their access log lines are written at debug level. */
  quiet?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, observed: ObservedRequest): Promise<void> | void;
}

const pathOf = (rawUrl: string | undefined) => {
  const raw = rawUrl ?? '/';
  const queryAt = raw.indexOf('?');
  return queryAt < 0 ? raw : raw.slice(0, queryAt);
};

/** The route table: matches on exact path and method; labels every request for metrics and logs. */
export function createRouter(routes: readonly Route[]) {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return {
    /** The route for this request; `allowed` lists the methods its path takes when none matched. */
    find(req: IncomingMessage): { route: Route } | { allowed: readonly Method[] } | undefined {
      const candidates = byPath.get(pathOf(req.url));
      if (!candidates) return undefined;
      const route = candidates.find((r) => r.methods.includes(req.method as Method) && (!r.accepts || r.accepts(req)));
      if (route) return { route };
      return { allowed: [...new Set(candidates.flatMap((r) => r.methods))] };
    },
    /** The route label: the paths we serve, everything else "other" so scanners cannot grow the series. */
    labelOf(rawUrl: string | undefined): string {
      const path = pathOf(rawUrl);
      return byPath.has(path) ? path : 'other';
    },
    isQuiet: (label: string) => byPath.get(label)?.every((r) => r.quiet) ?? false,
  };
}

export type Router = ReturnType<typeof createRouter>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** A plain server of a few routes (the worker's health and metrics, METRICS_PORT): no GraphQL, no access log. */
export function serveRoutes(router: Router) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const found = router.find(req);
    if (!found || !('route' in found)) return sendJson(res, 404, { error: 'not found' });
    Promise.resolve(found.route.handle(req, res, { requestId: '', note: {} })).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'unexpected error' });
    });
  };
}
