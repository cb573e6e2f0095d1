import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { GraphQLParams } from '../server-context.js';

/** Request texts (JSON bodies, URL queries) remembered with their parameters, by total characters. */
const REMEMBERED_CHARS = 8_000_000;
const REMEMBERED_MAX_CHARS = 16_000;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function jsonOrUndefined(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

const INVALID = Symbol('invalid');

/** A JSON body's parameters, or undefined when it is not a JSON object (GraphQL then reports why). */
function fromBody(text: string): GraphQLParams | undefined {
  const value = jsonOrUndefined(text);
  return isObject(value) ? (value as GraphQLParams) : undefined;
}

/** A GET request's parameters, or undefined when a JSON-valued one does not parse (GraphQL then reports why). */
function fromSearch(search: string): GraphQLParams | undefined {
  const params = new URLSearchParams(search);
  const variables = jsonOrUndefined(params.get('variables'));
  const extensions = jsonOrUndefined(params.get('extensions'));
  if (variables === INVALID || extensions === INVALID) return undefined;
  const result: GraphQLParams = {};
  const query = params.get('query');
  const operationName = params.get('operationName');
  if (query) result.query = query;
  if (operationName) result.operationName = operationName;
  if (variables !== undefined) result.variables = variables as Record<string, unknown>;
  if (extensions !== undefined) result.extensions = extensions as Record<string, unknown>;
  return result;
}

/**
 * The GraphQL parameters of a request, parsed once at the edge and handed to GraphQL and the
 * response cache alike: from the URL of a GET, from a JSON body of a POST. Clients repeat the same
 * request texts, so small ones are remembered with what they parse to (each caller gets a copy).
 */
export function createParamsParser() {
  const remembered = new LRUCache<string, GraphQLParams | false>({ maxSize: REMEMBERED_CHARS, sizeCalculation: (_, text) => text.length });

  function parse(text: string, read: (text: string) => GraphQLParams | undefined): GraphQLParams | undefined {
    let params = remembered.get(text);
    if (params === undefined) {
      params = read(text) ?? false;
      if (text.length <= REMEMBERED_MAX_CHARS) remembered.set(text, params);
    }
    return params ? { ...params } : undefined;
  }

  return (req: IncomingMessage, body: Buffer | undefined): GraphQLParams | undefined => {
    if (req.method === 'GET') {
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      return queryAt < 0 ? {} : parse(url.slice(queryAt + 1), fromSearch);
    }
    if (req.method !== 'POST' || !body?.length || !isJson(req.headers['content-type'])) return undefined;
    return parse(body.toString('utf8'), fromBody);
  };
}

const isJson = (contentType: string | undefined) => contentType !== undefined && /^application\/(graphql\+)?json\b/i.test(contentType.trim());
