import type { IncomingMessage, ServerResponse } from 'node:http';

/** A plain node:http route next to the GraphQL endpoint (health, metrics, OAuth callbacks). */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** The route for this request, matched on method and exact path; undefined lets Yoga answer. */
export function findRoute(routes: readonly Route[], req: IncomingMessage): { route: Route; url: URL } | undefined {
  // Every GraphQL request passes here: compare the raw path before paying for a URL.
  const raw = req.url ?? '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  if (!routes.some((r) => r.method === req.method && r.path === path)) return undefined;
  const url = new URL(raw, 'http://localhost');
  const route = routes.find((r) => r.method === req.method && r.path === url.pathname);
  return route ? { route, url } : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
