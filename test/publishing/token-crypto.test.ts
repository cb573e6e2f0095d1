import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, decryptToken, encryptToken, parseTokenKey, TokenDecryptionError } from '../../src/modules/publishing/token-crypto.js';

const hexKey = randomBytes(32).toString('hex');
const base64Key = randomBytes(32).toString('base64');
const token = 'AQV8s-long.LinkedIn_access~token/with+odd=chars';

describe('token crypto', () => {
  it('round-trips in the versioned v1.<iv>.<tag>.<ciphertext> format, never repeating a ciphertext', () => {
    const cipher = createTokenCipher([hexKey]);
    const a = cipher.encrypt(token);
    const b = cipher.encrypt(token);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('LinkedIn');
    expect(cipher.decrypt(a)).toBe(token);
  });

  it('accepts hex, base64 and base64url keys, and stretches a long secret with HKDF', () => {
    expect(parseTokenKey(hexKey)).toEqual(Buffer.from(hexKey, 'hex'));
    expect(parseTokenKey(base64Key)).toEqual(Buffer.from(base64Key, 'base64'));
    expect(parseTokenKey(Buffer.from(base64Key, 'base64').toString('base64url'))).toEqual(Buffer.from(base64Key, 'base64'));
    const passphrase = 'a long configured secret of more than 32 characters';
    expect(parseTokenKey(passphrase)).toHaveLength(32);
    expect(parseTokenKey(passphrase)).toEqual(parseTokenKey(passphrase));
    expect(parseTokenKey(passphrase)).not.toEqual(parseTokenKey(`${passphrase}!`));
    expect(() => parseTokenKey('short')).toThrow(/32/);
  });

  it('detects tampering with any part', () => {
    const key = parseTokenKey(hexKey);
    const stored = encryptToken(token, key);
    const parts = stored.split('.');
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const part = changed[index]!;
      changed[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
      expect(() => decryptToken(changed.join('.'), [key])).toThrow(TokenDecryptionError);
    }
    expect(() => decryptToken(stored.replace(/^v1/, 'v2'), [key])).toThrow(/v1 format/);
    expect(() => decryptToken(parts.slice(0, 3).join('.'), [key])).toThrow(TokenDecryptionError);
  });

  it('binds the ciphertext to its context', () => {
    const cipher = createTokenCipher([hexKey]);
    const stored = cipher.encrypt(token, 'user-1');
    expect(cipher.decrypt(stored, 'user-1')).toBe(token);
    expect(() => cipher.decrypt(stored, 'user-2')).toThrow(TokenDecryptionError);
  });

  it('supports key rotation: old ciphertexts still open and are flagged for re-encryption', () => {
    const before = createTokenCipher([hexKey]);
    const stored = before.encrypt(token);
    const after = createTokenCipher([base64Key, hexKey]);
    expect(after.decrypt(stored)).toBe(token);
    expect(after.needsReencryption(stored)).toBe(true);
    const rotated = after.encrypt(after.decrypt(stored));
    expect(after.needsReencryption(rotated)).toBe(false);
    expect(() => createTokenCipher([base64Key]).decrypt(stored)).toThrow(/no configured key/);
  });
});
