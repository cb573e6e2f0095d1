import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { cp, readdir, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type ApiBuild, benchBuild, buildApi } from './server-process.js';

const MIGRATIONS = 'prisma/migrations';
const GENERATED = 'src/generated';
/** Where the A/B pass checks out the refs it measures, one worktree per commit (ignored by git, like all of load/.cache). */
const WORKTREES = 'load/.cache/ab';
/** Written into a worktree's node_modules once `npm ci` has finished there (`npm ci` removes node_modules first). */
const INSTALLED_MARKER = '.bench-ab-installed';

/** The API of another git ref, compiled in its own worktree against its own dependencies. */
export interface RefBuild extends ApiBuild {
  ref: string;
  sha: string;
}

const git = (root: string, args: readonly string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * This checkout's commit, and whether its working tree (what the bench compiles) differs from it: changed or
 * untracked files, but not load/results, which the bench itself writes.
 */
export function checkoutState(root: string): { sha: string; dirty: boolean } {
  return { sha: git(root, ['rev-parse', 'HEAD']), dirty: git(root, ['status', '--porcelain', '--', '.', ':(exclude)load/results']) !== '' };
}

export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--ab=${ref}: not a commit in this repository (git rev-parse --verify ${ref}^{commit} found none)`);
  }
}

/** Every file under prisma/migrations at `sha`: path → git blob id. */
function migrationsAt(root: string, sha: string): Map<string, string> {
  const lines = git(root, ['ls-tree', '-r', sha, '--', MIGRATIONS]).split('\n').filter(Boolean);
  // "<mode> blob <id>\t<path>"
  return new Map(lines.map((line) => [line.slice(line.indexOf('\t') + 1), line.split(/\s+/)[2]!]));
}

/** The same of the working tree, so uncommitted migrations count: each file hashed as git would store it. */
async function migrationsInWorkingTree(root: string): Promise<Map<string, string>> {
  const entries = await readdir(join(root, MIGRATIONS), { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
  const ids = paths.length ? git(root, ['hash-object', '--', ...paths]).split('\n') : [];
  return new Map(paths.map((path, i) => [path, ids[i]!]));
}

/** What differs between two listings of prisma/migrations (path → blob id), each as a line; none when they match. */
export function migrationDifferences(ref: ReadonlyMap<string, string>, checkout: ReadonlyMap<string, string>): string[] {
  const differences: string[] = [];
  for (const [path, id] of ref) {
    if (!checkout.has(path)) differences.push(`only at the ref: ${path}`);
    else if (checkout.get(path) !== id) differences.push(`changed: ${path}`);
  }
  for (const path of checkout.keys()) if (!ref.has(path)) differences.push(`only in the checkout: ${path}`);
  return differences;
}

/** `npm ci` in `dir` with none of the running npm's settings (`npm_*`), so it installs there and installs dev dependencies too. */
async function npmCi(dir: string): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'NODE_ENV'));
  // Its output goes to stderr with the bench's log: stdout is for the table.
  const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, env, stdio: ['ignore', 2, 2] });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`npm ci in ${dir} exited with ${code}`);
  await writeFile(join(dir, 'node_modules', INSTALLED_MARKER), '');
}

const isShared = (worktree: string) => lstatSync(join(worktree, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false;

/** The files that decide what `npm ci` installs and what the Prisma client generates into src/generated. */
const DEPENDENCY_FILES = ['package-lock.json', 'prisma/schema.prisma'];

/** Whether `sha` would install and generate exactly what the checkout has: its lockfile and Prisma schema are the checkout's. */
function sharesDependencies(root: string, sha: string): boolean {
  return DEPENDENCY_FILES.every((file) => {
    try {
      return git(root, ['rev-parse', `${sha}:${file}`]) === git(root, ['hash-object', '--', file]);
    } catch {
      return false;
    }
  });
}

/**
 * Points the worktree's node_modules at the checkout's and copies its generated Prisma client, instead of
 * `npm ci` (about 45 s, and the network) for dependencies that are the same. Nothing is written into the
 * shared node_modules.
 */
async function shareDependencies(root: string, worktree: string, log: (line: string) => void): Promise<void> {
  const modules = join(worktree, 'node_modules');
  if (!existsSync(modules)) {
    log(`the ref's lockfile and Prisma schema are the checkout's: sharing its node_modules`);
    await symlink(realpathSync(join(root, 'node_modules')), modules, 'dir');
  }
  await rm(join(worktree, GENERATED), { recursive: true, force: true });
  await cp(join(root, GENERATED), join(worktree, GENERATED), { recursive: true });
}

/**
 * Checks out `ref` into load/.cache/ab/<sha> (or reuses that worktree), installs its own dependencies once (its
 * postinstall generates its Prisma client) and compiles it with its own tsc, as `buildApi` compiles the checkout.
 * Refuses a ref whose migrations differ from the checkout's: both builds run on one database, which the pass
 * does not migrate.
 */
export async function buildRef(root: string, ref: string, log: (line: string) => void): Promise<RefBuild> {
  const sha = resolveCommit(root, ref);
  const differences = migrationDifferences(migrationsAt(root, sha), await migrationsInWorkingTree(root));
  if (differences.length) {
    throw new Error(
      `refusing to A/B against ${ref} (${sha}): its ${MIGRATIONS} differ from this checkout's, and both builds must run on the same schema (the A/B pass does not migrate):\n  ${differences.join('\n  ')}`,
    );
  }
  const dir = join(WORKTREES, sha);
  const worktree = join(root, dir);
  if (existsSync(join(worktree, '.git'))) log(`reusing the worktree ${dir}`);
  else {
    log(`git worktree add --detach ${dir} ${sha}`);
    // --force: a worktree whose directory was deleted (load/.cache cleared) stays registered until pruned.
    git(root, ['worktree', 'add', '--detach', '--force', dir, sha]);
  }
  if (sharesDependencies(root, sha)) await shareDependencies(root, worktree, log);
  else if (!existsSync(join(worktree, 'node_modules', INSTALLED_MARKER)) || isShared(worktree)) {
    // A link to the checkout's node_modules (from an earlier pass) is removed, never emptied by `npm ci`.
    if (isShared(worktree)) await unlink(join(worktree, 'node_modules'));
    const started = Date.now();
    log(`npm ci in ${dir} (the ref's own dependencies)`);
    await npmCi(worktree);
    log(`  installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const build = benchBuild(worktree);
  log(`compiling ${ref} (${sha.slice(0, 7)}) with its own tsc`);
  await buildApi(build);
  return { ...build, ref, sha };
}
