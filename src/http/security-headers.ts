import { createHash } from 'node:crypto';

/** A policy for JSON and plain responses: nothing may load, nothing may frame them. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers on every HTTP response. HSTS only in production, where TLS terminates in front of us. */
export function securityHeaders(production: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': API_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-site',
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The policy for Yoga's GraphiQL page, derived from the page itself: its inline scripts by
 * hash, and exactly the versioned unpkg folder its bundle, stylesheet and editor workers come
 * from (the workers are fetched, then started from blob: URLs). Monaco injects <style> tags,
 * hence 'unsafe-inline' for styles only.
 */
export function graphiqlPolicy(html: string): string {
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1] ?? ''));
  const bundles = [...new Set([...html.matchAll(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/"' >]+\//g)].map((m) => m[0]))];
  const icons = [...new Set([...html.matchAll(/<link rel=icon href=(https:\/\/[^ >]+)>/g)].map((m) => m[1] ?? ''))];
  return [
    "default-src 'none'",
    `script-src 'self' ${[...inlineScripts, ...bundles].join(' ')}`,
    `style-src 'self' 'unsafe-inline' ${bundles.join(' ')}`,
    `font-src 'self' data: ${bundles.join(' ')}`,
    `img-src 'self' data: ${icons.join(' ')}`,
    `connect-src 'self' ${bundles.join(' ')}`,
    'worker-src blob:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
