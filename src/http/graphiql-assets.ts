import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderGraphiQL, type GraphiQLOptions } from 'graphql-yoga';
import type { Route } from './router.js';

/** Where the GraphiQL bundle is served from, instead of the unpkg CDN Yoga's page points at. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

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
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  return renderGraphiQL(options)
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, `${GRAPHIQL_ASSETS_PATH}/`)
    .replace(/<link rel=icon href=https:[^>]*>/, '');
}

/** One GET route per file of the @graphql-yoga/graphiql bundle that the page loads. */
export function graphiqlAssetRoutes(): Route[] {
  const dir = distDir();
  return Object.entries(CONTENT_TYPES).map(([file, contentType]) => ({
    method: 'GET',
    path: `${GRAPHIQL_ASSETS_PATH}/${file}`,
    handle(_req, res) {
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'public, max-age=3600' });
      createReadStream(join(dir, file)).pipe(res);
    },
  }));
}
