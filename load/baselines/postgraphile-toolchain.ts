import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * PostGraphile 5 needs Node >= 22, and its dependency tree has no place in the API's. The
 * baseline installs a pinned Node 22 (the `node` package) and PostGraphile from the npm registry
 * into load/.cache once, and runs its server from there so its imports resolve to that tree.
 */
const PINNED = { node: '22.23.3', postgraphile: '5.1.5', '@graphile/simplify-inflection': '9.0.0' };

export async function ensurePostGraphileToolchain(root: string): Promise<{ node: string; server: string }> {
  const dir = join(root, 'load', '.cache', 'postgraphile');
  const node = join(dir, 'node_modules', 'node', 'bin', 'node');
  const marker = join(dir, 'node_modules', 'postgraphile', 'package.json');
  if (!existsSync(node) || !existsSync(marker)) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), `${JSON.stringify({ private: true, type: 'module', dependencies: PINNED }, null, 2)}\n`);
    console.log('installing the PostGraphile baseline (Node 22 + PostGraphile 5) into load/.cache ...');
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }
  const server = join(dir, 'server.mjs');
  await copyFile(join(root, 'load', 'baselines', 'postgraphile-server.mjs'), server);
  return { node, server };
}
