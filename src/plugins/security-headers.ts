import { renderGraphiQL, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import { graphiqlPolicy, securityHeaders } from '../http/security-headers.js';

/**
 * Security headers on every Yoga response; the GraphiQL page gets a policy computed from the
 * page Yoga renders, so it keeps working while everything else stays locked down.
 */
export function useSecurityHeaders(production: boolean, render: (options: GraphiQLOptions) => string = renderGraphiQL) {
  const headers = Object.entries(securityHeaders(production));
  let pagePolicy: string | undefined;
  const renderPage = (options: GraphiQLOptions) => {
    const html = render(options);
    pagePolicy = graphiqlPolicy(html);
    return html;
  };
  const plugin: Plugin = {
    onResponse({ response }) {
      for (const [name, value] of headers) response.headers.set(name, value);
      if (pagePolicy && response.headers.get('content-type')?.startsWith('text/html')) {
        response.headers.set('Content-Security-Policy', pagePolicy);
      }
    },
  };
  return { plugin, renderGraphiQL: renderPage };
}
