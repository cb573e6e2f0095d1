import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mayActOnPost, mayAssignRole, PERMISSIONS, WORKSPACE_ROLES, type WorkspaceAction } from '../../src/modules/workspaces/workspace-permissions.rules.js';

/** The README's permission table, as action → roles allowed. */
async function readmeTable(): Promise<Record<string, string[]>> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Workspaces and roles'));
  const rows = section.split('\n').filter((line) => /^\| \w+: /.test(line));
  return Object.fromEntries(
    rows.map((row) => {
      const [action, ...cells] = row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return [action!.split(':')[0]!, WORKSPACE_ROLES.filter((_, i) => cells[i] === 'yes')];
    }),
  );
}

describe('the workspace permission table', () => {
  it('is the one the README writes down', async () => {
    expect(await readmeTable()).toEqual(Object.fromEntries(Object.entries(PERMISSIONS).map(([action, roles]) => [action, [...roles]])));
  });

  it('lets VIEWERs read only', () => {
    const viewer = (Object.keys(PERMISSIONS) as WorkspaceAction[]).filter((action) => PERMISSIONS[action].includes('VIEWER'));
    expect(viewer).toEqual(['readPosts']);
  });

  it("lets an EDITOR write and publish their own posts but not others'", () => {
    expect([mayActOnPost('EDITOR', 'write', true), mayActOnPost('EDITOR', 'publish', true)]).toEqual([true, true]);
    expect([mayActOnPost('EDITOR', 'write', false), mayActOnPost('EDITOR', 'publish', false)]).toEqual([false, false]);
    expect([mayActOnPost('ADMIN', 'write', false), mayActOnPost('VIEWER', 'write', true), mayActOnPost(null, 'write', true)]).toEqual([true, false, false]);
  });

  it('lets only an OWNER give or take the OWNER role', () => {
    expect(mayAssignRole('OWNER', 'EDITOR', 'OWNER')).toBe(true);
    expect(mayAssignRole('OWNER', 'OWNER', 'ADMIN')).toBe(true);
    expect(mayAssignRole('ADMIN', 'EDITOR', 'OWNER')).toBe(false);
    expect(mayAssignRole('ADMIN', 'OWNER', 'VIEWER')).toBe(false);
    expect(mayAssignRole('ADMIN', 'VIEWER', 'EDITOR')).toBe(true);
    expect(mayAssignRole('EDITOR', 'VIEWER', 'EDITOR')).toBe(false);
  });
});
