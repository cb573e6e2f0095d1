/**
 * Errors a client can act on. Services throw these; the GraphQL layer turns them into
 * GraphQL errors with a stable `extensions.code` (see src/graphql/errors.ts). Anything else
 * that escapes a resolver is masked as INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'SERVICE_UNAVAILABLE'
  | 'FEATURE_DISABLED'
  /** An uploaded file was refused; `extensions.reason` says why (see MediaInvalidReason). */
  | 'MEDIA_INVALID';

/** One invalid argument: its path as the client wrote it (e.g. `input.content`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'You must be signed in to do this.') => new AppError('UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

/** The operation is deeper, wider or costlier than any real client needs (HTTP 400). */
export const queryTooComplex = (message: string) => new AppError('QUERY_TOO_COMPLEX', message);

export const conflict = (message: string) => new AppError('CONFLICT', message);

export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests, slow down.') =>
  new AppError('RATE_LIMITED', message, { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)) });

export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new AppError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly.', { retryAfter: retryAfterSeconds });

export function badInput(fields: FieldProblem[], message?: string): AppError {
  const summary = message ?? fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new AppError('BAD_USER_INPUT', summary || 'Invalid input.', { fields });
}

export const badField = (path: string, message: string) => badInput([{ path, message }]);

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
