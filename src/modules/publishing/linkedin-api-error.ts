import { parseJsonObject } from './json-object.js';

/**
 * How a failed LinkedIn call is classified, so callers decide from a category instead of parsing
 * LinkedIn's error bodies themselves.
 */
export type LinkedInErrorCategory = 'unauthorized' | 'duplicate' | 'rate_limited' | 'server' | 'client' | 'network' | 'timeout';

export interface LinkedInApiErrorDetails {
  status: number | null;
  category: LinkedInErrorCategory;
  retryable: boolean;
  message: string;
  retryAfterSeconds?: number;
  serviceErrorCode?: number;
  /** LinkedIn's own error code, e.g. DUPLICATE_POST. */
  code?: string;
  /** For a duplicate: the URN of the post LinkedIn already has, when its message names it. */
  duplicateOf?: string;
  /** LinkedIn's `x-li-uuid` response header, to quote to LinkedIn support. */
  linkedInRequestId?: string;
}

export class LinkedInApiError extends Error implements LinkedInApiErrorDetails {
  readonly status: number | null;
  readonly category: LinkedInErrorCategory;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly serviceErrorCode?: number;
  readonly code?: string;
  readonly duplicateOf?: string;
  readonly linkedInRequestId?: string;

  constructor(details: LinkedInApiErrorDetails) {
    super(details.message);
    this.name = 'LinkedInApiError';
    this.status = details.status;
    this.category = details.category;
    this.retryable = details.retryable;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.serviceErrorCode = details.serviceErrorCode;
    this.code = details.code;
    this.duplicateOf = details.duplicateOf;
    this.linkedInRequestId = details.linkedInRequestId;
  }
}

export const isLinkedInApiError = (error: unknown): error is LinkedInApiError => error instanceof LinkedInApiError;

/** The parts of LinkedIn's error body worth keeping (Rest.li errors and OAuth errors differ). */
interface ErrorBody {
  message?: string;
  serviceErrorCode?: number;
  code?: string;
  status?: number;
  error?: string;
  error_description?: string;
  errorDetails?: { inputErrors?: { code?: string; description?: string }[] };
}

const DUPLICATE_OF = /duplicate of (urn:li:(?:share|ugcPost):[0-9]+)/i;

/** Turns a non-2xx LinkedIn response into a LinkedInApiError. */
export function classifyResponse(status: number, headers: Headers, bodyText: string): LinkedInApiError {
  const body = parseJsonObject<ErrorBody>(bodyText);
  const inputCode = body.errorDetails?.inputErrors?.find((e) => e.code)?.code;
  const code = inputCode ?? body.code ?? body.error;
  const message = body.message ?? body.error_description ?? (bodyText.trim().slice(0, 300) || `LinkedIn answered HTTP ${status}.`);
  const common = {
    status,
    message,
    code,
    serviceErrorCode: body.serviceErrorCode,
    linkedInRequestId: headers.get('x-li-uuid') ?? undefined,
  };
  if (status === 401) {
    return new LinkedInApiError({
      ...common,
      category: 'unauthorized',
      retryable: false,
      message: `LinkedIn refused the credentials; the LinkedIn account must be reconnected. (${message})`,
    });
  }
  if (status === 422 && (code === 'DUPLICATE_POST' || /duplicate/i.test(message))) {
    return new LinkedInApiError({
      ...common,
      code: 'DUPLICATE_POST',
      category: 'duplicate',
      retryable: false,
      duplicateOf: DUPLICATE_OF.exec(message)?.[1],
    });
  }
  if (status === 429) {
    return new LinkedInApiError({
      ...common,
      category: 'rate_limited',
      retryable: true,
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after')),
    });
  }
  if (status >= 500) {
    return new LinkedInApiError({
      ...common,
      category: 'server',
      retryable: true,
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after')),
    });
  }
  return new LinkedInApiError({ ...common, category: 'client', retryable: false });
}

export function networkError(cause: unknown): LinkedInApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LinkedInApiError({
    status: null,
    category: 'network',
    retryable: true,
    message: `Could not reach LinkedIn: ${reason}`,
  });
}

export function timeoutError(timeoutMs: number): LinkedInApiError {
  return new LinkedInApiError({
    status: null,
    category: 'timeout',
    retryable: true,
    message: `LinkedIn did not answer within ${timeoutMs} ms.`,
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
