import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badField } from '../../shared/errors.js';

/**
 * The OAuth `state` parameter, signed so the callback can trust it without server-side storage:
 * it binds the flow to the user who started it and to their browser (the hash of a nonce only that
 * browser's cookie holds), expires, and carries a nonce so no two are alike.
 * Format: base64url(JSON payload) + '.' + base64url(HMAC-SHA256(payload)).
 */
export interface OAuthStatePayload {
  userId: string;
  /** Unix seconds. */
  exp: number;
  nonce: string;
  /** SHA-256 (base64url) of the nonce in the starting browser's cookie. */
  browser?: string;
  /** The server-side PKCE flow holding the code verifier, when PKCE is on. */
  flow?: string;
  /** The workspace the account is connected into (absent in states signed before workspaces: the personal one). */
  workspace?: string;
  /** The flow asked for the organization scopes: the callback connects the member's pages too. */
  pages?: boolean;
}

export interface SignStateInput {
  userId: string;
  workspace?: string;
  pages?: boolean;
  secret: string;
  /** The nonce the starting browser's cookie holds: only its hash goes into the state. */
  browserNonce?: string;
  flow?: string;
  ttlSeconds?: number;
  now?: Date;
}

const hashOf = (nonce: string) => createHash('sha256').update(nonce).digest('base64url');

const DEFAULT_TTL_SECONDS = 600;

export function signState(input: SignStateInput): string {
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const payload: OAuthStatePayload = {
    userId: input.userId,
    exp: now + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS),
    nonce: randomBytes(12).toString('base64url'),
    ...(input.browserNonce ? { browser: hashOf(input.browserNonce) } : {}),
    ...(input.flow ? { flow: input.flow } : {}),
    ...(input.workspace ? { workspace: input.workspace } : {}),
    ...(input.pages ? { pages: true } : {}),
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

/**
 * Throws BAD_USER_INPUT (path `state`) unless the browser completing the flow holds the cookie of the
 * one that started it: a link someone else started (sent to a victim so that their LinkedIn account
 * lands on the sender's user) fails here, before the code is used.
 */
export function verifyBrowser(payload: OAuthStatePayload, cookieNonce: string | undefined): void {
  const expected = payload.browser && Buffer.from(payload.browser);
  const given = cookieNonce && Buffer.from(hashOf(cookieNonce));
  if (!expected || !given || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw badField('state', 'This sign-in link was started in another browser (or its cookie expired); start connecting again from this browser.');
  }
}
