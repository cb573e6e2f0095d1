/** A cookie a response sets (or clears, with `maxAgeSeconds: 0`). */
export interface ResponseCookie {
  name: string;
  value: string;
  path: string;
  maxAgeSeconds: number;
  /** Sent back over https only; false only for development and tests over plain http. */
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax';
}

/** The Set-Cookie header value of a cookie (RFC 6265). */
export function serializeCookie(cookie: ResponseCookie): string {
  return [
    `${cookie.name}=${encodeURIComponent(cookie.value)}`,
    `Path=${cookie.path}`,
    `Max-Age=${cookie.maxAgeSeconds}`,
    ...(cookie.httpOnly ? ['HttpOnly'] : []),
    ...(cookie.secure ? ['Secure'] : []),
    `SameSite=${cookie.sameSite}`,
  ].join('; ');
}

/** The value of one cookie in a request's Cookie header, if it is there. */
export function requestCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
