import { spawn } from 'node:child_process';
import { requestBody } from '../graphql-client.js';
import type { LoadRequest } from '../http-load.js';
import { RssSampler } from '../process-tree.js';
import { freePort, stopProcess, tail } from '../server-process.js';
import { ensurePostGraphileToolchain } from './postgraphile-toolchain.js';

/**
 * The feed scenario's equivalent in PostGraphile's generated schema: 20 newest posts with author,
 * lifetime totals and the stored analysis (JSON). PostGraphile has no response cache, so the request
 * does not need varying; the filter-free ordered scan is the same index walk the API's feed does.
 */
export const POSTGRAPHILE_FEED = `query PostGraphileFeed {
  posts(first: 20, orderBy: CREATED_AT_DESC) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id content hashtags tone status createdAt publishedAt analysis
      author { id name headline }
      postTotal { impressions reactions comments reposts clicks }
    } }
  }
}`;

export const postgraphileFeedRequest = (): (() => LoadRequest) => {
  const body = requestBody(POSTGRAPHILE_FEED);
  return () => ({ body });
};

export async function startPostGraphile(root: string, databaseUrl: string) {
  const { node, server } = await ensurePostGraphileToolchain(root);
  const port = await freePort();
  const child = spawn(node, [server], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestBody('{ __typename }') });
    return response.ok;
  };
  const deadline = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`PostGraphile did not start\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const rss = new RssSampler(child.pid!);
  return {
    url,
    pid: child.pid!,
    rss,
    output,
    stop: async () => {
      rss.stop();
      await stopProcess(child);
    },
  };
}
