import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * LinkedIn tokens at rest: AES-256-GCM, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 * Rotation: encrypt with the first key, decrypt with any of them, and re-encrypt whatever
 * `needsReencryption` reports. An optional context (e.g. the user id) is bound as associated data,
 * so a ciphertext copied onto another row does not decrypt there.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HKDF_SALT = 'linkedin-posts-api/token-crypto';
const HKDF_INFO = 'aes-256-gcm v1';

export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

/**
 * A key from configuration: 32 bytes as 64 hex digits or base64(url), or else a long secret
 * (at least 32 characters, e.g. SECRET_KEY) stretched to 32 bytes with HKDF-SHA256.
 */
export function parseTokenKey(material: string): Buffer {
  const value = material.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === KEY_BYTES) return decoded;
  }
  if (value.length < 32) {
    throw new Error('A token key must be 32 bytes (64 hex digits or base64) or a secret of at least 32 characters.');
  }
  return Buffer.from(hkdfSync('sha256', value, HKDF_SALT, HKDF_INFO, KEY_BYTES));
}

export function encryptToken(plaintext: string, key: Buffer, context = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export interface DecryptedToken {
  plaintext: string;
  /** Index of the key that opened it; anything but 0 means it should be re-encrypted. */
  keyIndex: number;
}

function decryptTokenWithKeyIndex(stored: string, keys: readonly Buffer[], context = ''): DecryptedToken {
  const [version, iv, tag, ciphertext, ...rest] = stored.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new TokenDecryptionError('Not an encrypted token in the v1 format.');
  }
  const parts = { iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), data: Buffer.from(ciphertext, 'base64url') };
  if (parts.iv.length !== IV_BYTES || parts.tag.length !== TAG_BYTES) {
    throw new TokenDecryptionError('The encrypted token is truncated.');
  }
  for (const [keyIndex, key] of keys.entries()) {
    assertKey(key);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(parts.tag);
      const plaintext = Buffer.concat([decipher.update(parts.data), decipher.final()]).toString('utf8');
      return { plaintext, keyIndex };
    } catch {
      // Wrong key or tampered data: GCM cannot tell them apart, so try the next key.
    }
  }
  throw new TokenDecryptionError('The encrypted token was tampered with or no configured key opens it.');
}

export function decryptToken(stored: string, keys: readonly Buffer[], context = ''): string {
  return decryptTokenWithKeyIndex(stored, keys, context).plaintext;
}

export interface TokenCipher {
  encrypt(plaintext: string, context?: string): string;
  decrypt(stored: string, context?: string): string;
  /** True when only an older key opens it; re-encrypt with `encrypt` to finish a rotation. */
  needsReencryption(stored: string, context?: string): boolean;
}

/** `keys[0]` encrypts; every key decrypts. Accepts the same key formats as `parseTokenKey`. */
export function createTokenCipher(keys: readonly string[]): TokenCipher {
  const parsed = keys.map(parseTokenKey);
  const current = parsed[0];
  if (!current) throw new Error('At least one token key is required.');
  return {
    encrypt: (plaintext, context) => encryptToken(plaintext, current, context),
    decrypt: (stored, context) => decryptToken(stored, parsed, context),
    needsReencryption: (stored, context) => decryptTokenWithKeyIndex(stored, parsed, context).keyIndex !== 0,
  };
}

function assertKey(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error(`An AES-256 key is ${KEY_BYTES} bytes, got ${key.length}.`);
}
