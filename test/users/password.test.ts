import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT_MIN_COST } from '../../src/config.js';
import { createPasswordHasher } from '../../src/modules/users/password.js';
import { legacyHash } from './legacy-hash.js';

describe('password hashing', () => {
  it("uses OWASP's scrypt minimum (N=2^17, r=8, p=1) unless told otherwise, and says so in the hash", async () => {
    expect(OWASP_SCRYPT_MIN_COST).toBe(17);
    const hasher = createPasswordHasher(OWASP_SCRYPT_MIN_COST);
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('correct horse battery', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery!', hash)).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('verifies a hash made with older, weaker parameters, and asks for it to be rehashed', async () => {
    const hasher = createPasswordHasher(12);
    const old = legacyHash('correct horse battery');
    expect(await hasher.verify('correct horse battery', old)).toBe(true);
    expect(await hasher.verify('wrong password', old)).toBe(false);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('correct horse battery'))).toBe(false);
  });

  it('refuses what is not a hash it can check, without computing anything costly', async () => {
    const hasher = createPasswordHasher(10);
    for (const stored of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$2097152$8$1$c2FsdA$a2V5', 'scrypt$1000$8$1$c2FsdA$a2V5', 'scrypt$x$8$1$c2FsdA$a2V5']) {
      expect(await hasher.verify('pw', stored), stored).toBe(false);
    }
  });
});
