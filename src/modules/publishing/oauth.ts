import { createHash, randomBytes } from 'node:crypto';
import { parseJsonObject } from './json-object.js';
import { LinkedInApiError } from './linkedin-api-error.js';
import { linkedInRequest } from './linkedin-http.js';

/**
 * LinkedIn's 3-legged OAuth 2.0 (authorization code flow) and the OpenID Connect userinfo call
 * that tells us which member connected.
 */
const LINKEDIN_AUTHORIZATION_URL = 'https://www.linkedin.com/oauth/v2/authorization';
const LINKEDIN_TOKEN_URL = 'https://www.linkedin.com/oauth/v2/accessToken';
const LINKEDIN_API_BASE_URL = 'https://api.linkedin.com';
/** Enough to sign the member in and post on their behalf. */
export const DEFAULT_SCOPES = ['openid', 'profile', 'w_member_social'];

interface HttpDeps {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const http = (deps: HttpDeps) => ({ fetch: deps.fetch ?? globalThis.fetch, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS });

export interface AuthorizationUrlInput {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  authorizationUrl?: string;
  /** PKCE (RFC 7636): the S256 challenge of a verifier the server keeps for the token exchange. */
  codeChallenge?: string;
}

/** A PKCE verifier (256 random bits, base64url) and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationUrl(input: AuthorizationUrlInput): string {
  const url = new URL(input.authorizationUrl ?? LINKEDIN_AUTHORIZATION_URL);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  url.searchParams.set('scope', input.scopes.join(' '));
  if (input.codeChallenge) {
    url.searchParams.set('code_challenge', input.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}

export interface ExchangeCodeInput extends HttpDeps {
  code: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  /** PKCE: the verifier whose challenge the authorization URL carried. */
  codeVerifier?: string;
  tokenUrl?: string;
  now?: Date;
}

export interface LinkedInTokens {
  accessToken: string;
  expiresAt: Date;
  /** Only for apps LinkedIn enabled programmatic refresh tokens for. */
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  scope: string;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  refresh_token_expires_in?: unknown;
  scope?: unknown;
}

export async function exchangeCode(input: ExchangeCodeInput): Promise<LinkedInTokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    client_id: input.clientId,
    client_secret: input.clientSecret,
    redirect_uri: input.redirectUri,
    ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
  });
  const response = await linkedInRequest(http(input), input.tokenUrl ?? LINKEDIN_TOKEN_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
  });
  const body = parseJsonObject<TokenResponse>(response.bodyText);
  if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw malformed(response.status, 'token response without access_token/expires_in');
  }
  const now = (input.now ?? new Date()).getTime();
  const inSeconds = (s: number) => new Date(now + s * 1000);
  return {
    accessToken: body.access_token,
    expiresAt: inSeconds(body.expires_in),
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    refreshTokenExpiresAt: typeof body.refresh_token_expires_in === 'number' ? inSeconds(body.refresh_token_expires_in) : undefined,
    scope: typeof body.scope === 'string' ? body.scope : '',
  };
}

export interface FetchMemberInput extends HttpDeps {
  accessToken: string;
  apiBaseUrl?: string;
}

export interface LinkedInMember {
  urn: string;
  name: string;
  email?: string;
  picture?: string;
}

interface UserInfo {
  sub?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  email?: unknown;
  picture?: unknown;
}

export async function fetchMember(input: FetchMemberInput): Promise<LinkedInMember> {
  const base = (input.apiBaseUrl ?? LINKEDIN_API_BASE_URL).replace(/\/+$/, '');
  const response = await linkedInRequest(http(input), `${base}/v2/userinfo`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${input.accessToken}` },
  });
  const info = parseJsonObject<UserInfo>(response.bodyText);
  if (typeof info.sub !== 'string' || info.sub === '') throw malformed(response.status, 'userinfo without sub');
  const given = typeof info.given_name === 'string' ? info.given_name : '';
  const family = typeof info.family_name === 'string' ? info.family_name : '';
  return {
    urn: `urn:li:person:${info.sub}`,
    name: typeof info.name === 'string' && info.name ? info.name : `${given} ${family}`.trim(),
    email: typeof info.email === 'string' ? info.email : undefined,
    picture: typeof info.picture === 'string' ? info.picture : undefined,
  };
}

const malformed = (status: number, what: string) =>
  new LinkedInApiError({ status, category: 'server', retryable: false, message: `LinkedIn sent a malformed answer: ${what}.` });
