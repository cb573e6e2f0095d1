import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type GraphiQLOptions, renderGraphiQL } from 'graphql-yoga';
import type { Route } from './routes.js';
import { graphiqlPolicy } from './security-headers.js';

/** Where the GraphiQL bundle is served from, instead of the unpkg CDN Yoga's page points at. */
const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

const CONTENT_TYPES: Record<string, string> = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  // The double dot is the file's real name in the package (and in Yoga's page).
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
};

const distDir = () => join(dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');

/**
 * Yoga's GraphiQL page, pointed at this server for its scripts, styles and editor workers,
 * so it works offline and behind firewalls that block unpkg.com.
 */
function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  return renderGraphiQL(options)
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, `${GRAPHIQL_ASSETS_PATH}/`)
    .replace(/<link rel=icon href=https:[^>]*>/, '');
}

/**
 * GraphiQL for browsers that open the GraphQL endpoint (GET, asking for HTML), with a content
 * security policy computed from the page itself, and one GET route per file of the bundle it loads.
 */
export function graphiqlRoutes(endpoint: string, options: GraphiQLOptions): Route[] {
  const page = renderOfflineGraphiQL(options);
  const policy = graphiqlPolicy(page);
  const dir = distDir();
  return [
    {
      methods: ['GET'],
      path: endpoint,
      accepts: (req) => req.headers.accept?.includes('text/html') ?? false,
      handle(_req, res) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
        res.end(page);
      },
    },
    ...Object.entries(CONTENT_TYPES).map(
      ([file, contentType]): Route => ({
        methods: ['GET'],
        path: `${GRAPHIQL_ASSETS_PATH}/${file}`,
        handle(_req, res) {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'public, max-age=3600' });
          createReadStream(join(dir, file)).pipe(res);
        },
      }),
    ),
  ];
}
