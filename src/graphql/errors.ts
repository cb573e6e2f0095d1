import { PothosValidationError } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { isDependencyUnavailable } from '../infra/dependency-unavailable.js';
import { missingUserError } from '../modules/users/missing-user.rules.js';
import { AppError, badInput, type ErrorCode, forbidden, serviceUnavailable, unauthenticated } from '../shared/errors.js';
import type { Context } from './context.js';
import { httpStatus } from './http-status.js';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  SERVICE_UNAVAILABLE: 503,
  FEATURE_DISABLED: 403,
};

/** Argument validation failures, with the path of every invalid argument. */
export function validationError(failure: StandardSchemaV1.FailureResult): Error {
  return badInput(
    failure.issues.map((issue) => ({
      path: (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.'),
      message: issue.message,
    })),
  );
}

export function authorizationError(ctx: Context, reason: string): Error {
  if (!ctx.viewer) return ctx.authProblem ?? unauthenticated();
  return forbidden(reason.startsWith('Not authorized') ? undefined : reason);
}

function clientErrorFrom(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof PothosValidationError) return badInput([], error.message);
  // An outage is not the client's fault, but "try again shortly" is something it can act on.
  if (isDependencyUnavailable(error)) return serviceUnavailable();
  return missingUserError(error);
}

/**
 * Yoga's maskError: errors clients can act on keep their message and get a stable code;
 * everything else becomes "Unexpected error" (logged with the request id elsewhere).
 */
export function maskError(error: unknown, message: string): Error {
  if (!(error instanceof GraphQLError)) {
    return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  const appError = clientErrorFrom(error.originalError);
  if (appError) {
    const status = HTTP_STATUS[appError.code];
    return createGraphQLError(appError.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...appError.extensions, code: appError.code, ...(status ? { http: httpStatus(status) } : {}) },
    });
  }
  if (!error.originalError || error.originalError instanceof GraphQLError) return error;
  return createGraphQLError(message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** True for errors that are bugs or outages rather than the client's doing. */
export function isUnexpectedError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  const original = error.originalError;
  return !!original && !(original instanceof GraphQLError) && !clientErrorFrom(original);
}
