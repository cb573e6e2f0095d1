import { randomUUID } from 'node:crypto';

const ACCEPTED = /^[\w.:@/-]{1,128}$/;

/** The caller's X-Request-Id header value when it is sane, else a fresh id. */
export const acceptedRequestId = (given: string | null | undefined): string => (given && ACCEPTED.test(given) ? given : randomUUID());
