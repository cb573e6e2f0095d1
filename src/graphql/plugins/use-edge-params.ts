import type { Plugin } from 'graphql-yoga';
import type { ServerContext } from '../../server-context.js';

/**
 * The parameters the edge already parsed are the request's: Yoga does not read or parse the body
 * (or the URL) a second time. Requests the edge left alone (multipart, forms) keep Yoga's parsers.
 */
export function useEdgeParams(): Plugin<object, ServerContext> {
  return {
    onRequestParse({ serverContext, setRequestParser }) {
      const params = serverContext.edge?.params;
      if (params) setRequestParser(() => params);
    },
  };
}
