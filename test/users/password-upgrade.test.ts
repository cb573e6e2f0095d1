import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalWorkspaceOfNewUser } from '../../src/modules/workspaces/workspaces.service.js';
import { LogInDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { legacyHash } from './legacy-hash.js';

let t: TestApp;
beforeAll(async () => {
  // Production's cost: the upgrade must reach OWASP's minimum, not the cheaper one tests use elsewhere.
  t = await createTestApp({ env: { PASSWORD_HASH_COST: '17' } });
});
afterAll(() => t?.close());

describe('password hashes made with the old scrypt parameters', () => {
  it('still log in, and are rehashed with the current parameters on that login', async () => {
    const email = 'old-hash@example.com';
    const old = legacyHash('correct horse battery');
    await t.app.db.prisma.user.create({ data: { email, name: 'Old Timer', passwordHash: old, ...personalWorkspaceOfNewUser() } });

    const wrong = await t.gql(LogInDocument, { input: { email, password: 'not the password' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.app.db.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(old);

    const { data, errors } = await t.gql(LogInDocument, { input: { email, password: 'correct horse battery' } });
    expect(errors).toBeUndefined();
    expect(data?.logIn.user.email).toBe(email);
    const upgraded = (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);

    const again = await t.gql(LogInDocument, { input: { email, password: 'correct horse battery' } });
    expect(again.errors).toBeUndefined();
    expect((await t.app.db.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(upgraded);
  });
});
