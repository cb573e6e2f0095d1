import type { ResponseCookie } from '../../shared/cookies.js';

/** Holds the nonce that binds a LinkedIn OAuth flow to the browser that started it. */
export const OAUTH_COOKIE = 'lpa_linkedin_oauth';

/**
 * The cookie connectLinkedIn sets and the callback reads, then clears: HttpOnly (no script reads the
 * nonce), SameSite=Lax (sent on LinkedIn's top-level redirect back, on no cross-site subrequest),
 * only on the callback's path, and Secure unless a development server runs on plain http.
 */
export function oauthCookies(redirectUri: string, secure: boolean) {
  const cookie = (value: string, maxAgeSeconds: number): ResponseCookie => ({
    name: OAUTH_COOKIE,
    value,
    path: new URL(redirectUri).pathname,
    maxAgeSeconds,
    secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
  return { set: cookie, clear: () => cookie('', 0) };
}
