import { createHash, randomBytes } from 'node:crypto';
import type { FieldProblem } from '../../shared/errors.js';

/** What a service token may be allowed to do. */
export const SERVICE_TOKEN_SCOPES = ['ingest'] as const;
export type ServiceTokenScope = (typeof SERVICE_TOKEN_SCOPES)[number];

/** Service tokens start with this, so a bearer token is told apart from a JWT without parsing it. */
const PREFIX = 'lpa_svc_';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * How stale a process's knowledge of a token's row may get: it reads the row again (and moves
 * `lastUsedAt`) at most this often per token. Revocation does not wait for it: see SessionRevocations.
 */
export const SERVICE_TOKEN_RECHECK_MS = 60_000;

export const isServiceTokenText = (token: string): boolean => token.startsWith(PREFIX);

/** A new token: 256 random bits behind the prefix. */
export const newServiceTokenText = (): string => `${PREFIX}${randomBytes(32).toString('base64url')}`;

/** What the database keeps of a token: its SHA-256 (hex). */
export const serviceTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Why a name or scopes list cannot be issued, field by field (empty when they can). */
export function serviceTokenProblems(name: string, scopes: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!NAME.test(name)) {
    problems.push({ path: 'name', message: 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit' });
  }
  if (!scopes.length) problems.push({ path: 'scopes', message: 'must name at least one scope' });
  const unknown = scopes.filter((scope) => !(SERVICE_TOKEN_SCOPES as readonly string[]).includes(scope));
  if (unknown.length) problems.push({ path: 'scopes', message: `unknown scope ${unknown.join(', ')}; known: ${SERVICE_TOKEN_SCOPES.join(', ')}` });
  return problems;
}
