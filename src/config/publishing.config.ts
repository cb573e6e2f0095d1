import { z } from 'zod';
import type { authEnv } from './auth.config.js';
import { bool, int, isIpOrCidr, isLoopbackUrl, list, type ParsedEnv, type RunMode, url } from './parsers.js';

/** LinkedIn (OAuth, its API, the tokens it gives us), the publishing worker and article previews. */
export const publishingEnv = {
  LINKEDIN_CLIENT_ID: z.string().optional(),
  LINKEDIN_CLIENT_SECRET: z.string().optional(),
  LINKEDIN_REDIRECT_URI: url(['http:', 'https:']),
  LINKEDIN_CONNECTED_REDIRECT_URL: url(['http:', 'https:']),
  LINKEDIN_API_BASE_URL: url(['http:', 'https:']),
  LINKEDIN_OAUTH_BASE_URL: url(['http:', 'https:']),
  LINKEDIN_VERSION: z
    .string()
    .regex(/^\d{6}$/, 'expected YYYYMM, e.g. 202510')
    .default('202510'),
  LINKEDIN_TIMEOUT_MS: int(10000, 100, 120000),
  LINKEDIN_PKCE: bool(false),
  TOKEN_ENCRYPTION_KEY: list,
  PUBLISH_CONCURRENCY: int(2, 1, 100),
  PUBLISH_MAX_ATTEMPTS: int(5, 1, 20),
  PUBLISH_RETRY_BASE_MS: int(5000, 10, 3600000),
  PUBLISH_STALE_AFTER_MS: int(120000, 1000, 86400000),
  ARTICLE_PREVIEW_ALLOWED_CIDRS: list.refine((ranges) => ranges.every(isIpOrCidr), 'expected IP addresses or CIDR ranges, comma-separated'),
  ARTICLE_PREVIEW_TIMEOUT_MS: int(3000, 100, 30000),
};

type PublishingEnv = ParsedEnv<typeof publishingEnv> & Pick<ParsedEnv<typeof authEnv>, 'SECRET_KEY'>;

function linkedInProblems(e: PublishingEnv, mode: RunMode): string[] {
  const problems: string[] = [];
  const oauth = [e.LINKEDIN_CLIENT_ID, e.LINKEDIN_CLIENT_SECRET, e.LINKEDIN_REDIRECT_URI];
  if (oauth.some(Boolean) && !oauth.every(Boolean)) {
    problems.push('LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET, LINKEDIN_REDIRECT_URI: set all three or none');
  }
  if (e.PUBLISH_STALE_AFTER_MS <= e.LINKEDIN_TIMEOUT_MS) {
    problems.push('PUBLISH_STALE_AFTER_MS: must be longer than LINKEDIN_TIMEOUT_MS (a live attempt would look stopped)');
  }
  // Browsers send Secure cookies to loopback over plain http (a secure context), so a local production run may use it.
  if (mode.production && e.LINKEDIN_REDIRECT_URI?.startsWith('http:') && !isLoopbackUrl(e.LINKEDIN_REDIRECT_URI)) {
    problems.push('LINKEDIN_REDIRECT_URI: must be https in production, or http on a loopback address (the OAuth cookie is Secure)');
  }
  if (mode.production && e.LINKEDIN_CLIENT_ID && e.TOKEN_ENCRYPTION_KEY.length === 0) {
    problems.push('TOKEN_ENCRYPTION_KEY: must be set in production when LinkedIn is configured');
  }
  return problems;
}

export function publishingConfig(e: PublishingEnv, mode: RunMode, problems: string[]) {
  problems.push(...linkedInProblems(e, mode));
  return {
    linkedIn: {
      oauth:
        e.LINKEDIN_CLIENT_ID && e.LINKEDIN_CLIENT_SECRET && e.LINKEDIN_REDIRECT_URI
          ? { clientId: e.LINKEDIN_CLIENT_ID, clientSecret: e.LINKEDIN_CLIENT_SECRET, redirectUri: e.LINKEDIN_REDIRECT_URI }
          : undefined,
      /** PKCE (S256) in the code flow; LinkedIn enables it per application, on request. */
      pkce: e.LINKEDIN_PKCE,
      /** Where the browser goes after the OAuth callback; unset: the callback answers JSON. */
      connectedRedirectUrl: e.LINKEDIN_CONNECTED_REDIRECT_URL,
      apiBaseUrl: e.LINKEDIN_API_BASE_URL ?? 'https://api.linkedin.com',
      oauthBaseUrl: (e.LINKEDIN_OAUTH_BASE_URL ?? 'https://www.linkedin.com/oauth/v2').replace(/\/+$/, ''),
      version: e.LINKEDIN_VERSION,
      timeoutMs: e.LINKEDIN_TIMEOUT_MS,
      /** The first key encrypts, every key decrypts (rotation); development falls back to SECRET_KEY. */
      tokenKeys: e.TOKEN_ENCRYPTION_KEY.length ? e.TOKEN_ENCRYPTION_KEY : [e.SECRET_KEY],
    },
    publishing: {
      concurrency: e.PUBLISH_CONCURRENCY,
      maxAttempts: e.PUBLISH_MAX_ATTEMPTS,
      retryBaseMs: e.PUBLISH_RETRY_BASE_MS,
      staleAfterMs: e.PUBLISH_STALE_AFTER_MS,
    },
    articlePreview: {
      /** Private ranges an operator lets previews reach (tests, intranets); public addresses always may be. */
      allowedCidrs: e.ARTICLE_PREVIEW_ALLOWED_CIDRS,
      /** For the whole fetch of an article's page, redirects included; a third of it for connecting. */
      timeoutMs: e.ARTICLE_PREVIEW_TIMEOUT_MS,
    },
  };
}
