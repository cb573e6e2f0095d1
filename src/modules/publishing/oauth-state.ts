import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badField } from '../../shared/errors.js';

/**
 * The OAuth `state` parameter, signed so the callback can trust it without server-side storage:
 * it binds the flow to the user who started it, expires, and carries a nonce so no two are alike.
 * Format: base64url(JSON payload) + '.' + base64url(HMAC-SHA256(payload)).
 */
export interface OAuthStatePayload {
  userId: string;
  /** Unix seconds. */
  exp: number;
  nonce: string;
}

export interface SignStateInput {
  userId: string;
  secret: string;
  ttlSeconds?: number;
  now?: Date;
}

const DEFAULT_TTL_SECONDS = 600;

export function signState(input: SignStateInput): string {
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const payload: OAuthStatePayload = {
    userId: input.userId,
    exp: now + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS),
    nonce: randomBytes(12).toString('base64url'),
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${mac(encoded, input.secret)}`;
}

export interface VerifyStateInput {
  state: string;
  secret: string;
  /** The signed-in user completing the flow; must be the one who started it. */
  userId: string;
  now?: Date;
}

/** Throws BAD_USER_INPUT (path `state`) when the state is forged, tampered with, expired or someone else's. */
export function verifyState(input: VerifyStateInput): OAuthStatePayload {
  const [encoded, signature, ...rest] = input.state.split('.');
  if (!encoded || !signature || rest.length > 0) throw badField('state', 'The sign-in link is malformed.');
  const expected = Buffer.from(mac(encoded, input.secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw badField('state', 'The sign-in link was tampered with.');
  }
  const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as OAuthStatePayload;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (payload.exp <= now) throw badField('state', 'The sign-in link has expired; start again.');
  if (payload.userId !== input.userId) throw badField('state', 'The sign-in link was started by another user.');
  return payload;
}

const mac = (data: string, secret: string) => createHmac('sha256', secret).update(data).digest('base64url');
