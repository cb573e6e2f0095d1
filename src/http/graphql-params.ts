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

/**
 * A JSON body's parameters, undefined when it is not a JSON object (GraphQL then reports why), or
 * false when its query is not a string or its variables or extensions not objects: such a body is
 * refused before anything (the response cache included) reads the parameters it does carry.
 */
function fromBody(text: string): GraphQLParams | false | undefined {
  const value = jsonOrUndefined(text);
  if (!isObject(value)) return undefined;
  const { query, variables, extensions } = value;
  const malformed = (param: unknown) => param != null && !isObject(param);
  if ((query != null && typeof query !== 'string') || malformed(variables) || malformed(extensions)) return false;
  return value as GraphQLParams;
}

/** A GET request's parameters, or false when a JSON-valued one is not a JSON object. */
function fromSearch(search: string): GraphQLParams | false {
  const params = new URLSearchParams(search);
  const variables = jsonOrUndefined(params.get('variables'));
  const extensions = jsonOrUndefined(params.get('extensions'));
  const notAnObject = (value: unknown) => value !== undefined && (value === INVALID || !isObject(value));
  if (notAnObject(variables) || notAnObject(extensions)) return false;
  const result: GraphQLParams = {};
  const query = params.get('query');
  const operationName = params.get('operationName');
  const documentId = params.get('documentId');
  if (documentId) result.documentId = documentId;
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
  const remembered = new LRUCache<string, GraphQLParams | false | 'unparsed'>({ maxSize: REMEMBERED_CHARS, sizeCalculation: (_, text) => text.length });

  function parse(text: string, read: (text: string) => GraphQLParams | false | undefined): GraphQLParams | 'invalid' | undefined {
    let params = remembered.get(text);
    if (params === undefined) {
      params = read(text) ?? 'unparsed';
      if (text.length <= REMEMBERED_MAX_CHARS) remembered.set(text, params);
    }
    if (params === false) return 'invalid';
    return params === 'unparsed' ? undefined : { ...params };
  }

  /**
   * The request's parameters; 'invalid' when its variables or extensions are not JSON objects, or a
   * POST's query is not a string (the edge answers 400); undefined when GraphQL must read the body itself (a multipart upload, a
   * form, a body that is not a JSON object: GraphQL reports why).
   */
  return (req: IncomingMessage, body: Buffer | undefined): GraphQLParams | 'invalid' | undefined => {
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
