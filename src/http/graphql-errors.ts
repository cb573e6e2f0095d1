import type { IncomingMessage, ServerResponse } from 'node:http';

export type EdgeError = { message: string; extensions: { code: string } & Record<string, unknown> };

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * The media type of a GraphQL answer, chosen as Yoga chooses it: the first Accept entry either type
 * matches, application/json for wildcards (and no Accept at all).
 */
function answerType(accept: string | undefined): typeof GRAPHQL_RESPONSE | 'application/json' {
  for (const entry of (accept ?? '*/*').toLowerCase().split(',')) {
    const type = entry.split(';')[0]!.trim();
    if (type === GRAPHQL_RESPONSE) return GRAPHQL_RESPONSE;
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'application/json';
  }
  return GRAPHQL_RESPONSE;
}

/**
 * Refuses a GraphQL request at the edge with GraphQL errors, the way the GraphQL-over-HTTP spec
 * asks: with `status` for clients that accept application/graphql-response+json, with 200 for those
 * asking for application/json (Apollo Client 3 and graphql-sse turn any other status into an opaque
 * network error), unless `always` says the status holds either way (a refusal of the request itself).
 */
export function answerWithErrors(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  errors: EdgeError[],
  { headers = {}, always = false }: { headers?: Record<string, string>; always?: boolean } = {},
) {
  const type = answerType(req.headers.accept);
  const sent = always || type === GRAPHQL_RESPONSE ? status : 200;
  res.writeHead(sent, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ errors }));
}

export const edgeError = (message: string, code: string, extensions: Record<string, unknown> = {}): EdgeError => ({
  message,
  extensions: { code, ...extensions },
});
