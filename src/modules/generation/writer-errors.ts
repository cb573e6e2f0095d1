/**
 * Why a writer gave up. `interrupted` means text was already streamed to the caller before the
 * failure, so nothing may silently replace it (the caller decides whether to retry the whole job).
 * `unsupported_language` is the request's own doing: no retry can change it.
 */
export type WriterFailure = 'timeout' | 'rate_limited' | 'interrupted' | 'unusable_output' | 'provider_error' | 'unsupported_language';

export class WriterError extends Error {
  constructor(
    readonly reason: WriterFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WriterError';
  }
}

/** The same shape `fetch` and Node streams reject with, so callers check `name === 'AbortError'`. */
export const abortError = () => new DOMException('The generation was cancelled.', 'AbortError');

export const isAbortError = (error: unknown): boolean => error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
