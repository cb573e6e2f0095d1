export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly body: string,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export const authHeaders = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export const requestBody = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** One GraphQL request over HTTP; throws with the response body on HTTP or GraphQL errors. `onHeaders` sees the response's headers. */
export async function gql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  onHeaders?: (headers: Headers) => void,
): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders(token) },
    body: requestBody(query, variables),
    signal: AbortSignal.timeout(30_000),
  });
  onHeaders?.(response.headers);
  const text = await response.text();
  let parsed: { data?: T; errors?: { message: string }[] } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GraphQLRequestError(`HTTP ${response.status}: not JSON`, text);
  }
  if (parsed?.errors?.length || !parsed?.data) {
    throw new GraphQLRequestError(`HTTP ${response.status}: ${parsed?.errors?.map((e) => e.message).join('; ') ?? 'no data'}`, text);
  }
  return parsed.data;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
