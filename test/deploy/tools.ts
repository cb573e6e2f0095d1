import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Debian puts nginx in /usr/sbin, which is not on every user's PATH. */
const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Locates a tool the checks need. In CI a missing tool must fail the suite, so `skip` is false
 * and the suite's own assertion on `path` fails; elsewhere the suite is skipped with a note.
 */
export function requireTool(name: string): { path: string | undefined; skip: boolean; missing: string } {
  const found = findTool(name);
  const missing = `${name} is not installed: apt-get install -y $(cat docker/ci-packages.txt)`;
  if (!found && !inCI) console.warn(`Skipping the ${name} checks locally: ${missing}`);
  return { path: found, skip: !found && !inCI, missing };
}
