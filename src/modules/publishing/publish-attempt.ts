import type { Metrics } from '../../infra/metrics.js';
import { isAppError } from '../../shared/errors.js';
import { isLinkedInApiError, type LinkedInApiError, type LinkedInErrorCategory } from './linkedin-api-error.js';
import type { UploadStep } from './linkedin-assets.js';
import { type LinkedInClient, type LinkedInVisibility, permalinkFor } from './linkedin-client.js';
import type { LinkedInPostContent } from './linkedin-content.js';
import { type Mention, toLittleText, validateCommentary } from './little-text.js';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy.js';

export interface PublishablePost {
  /** The LinkedIn author URN of the connected account. */
  author: string;
  content: string;
  hashtags: string[];
  visibility: LinkedInVisibility;
  mentions?: Mention[];
}

export interface PublishAttemptInput {
  client: LinkedInClient;
  /** Decrypted; never stored in the record. */
  accessToken: string;
  post: PublishablePost;
  /** 1-based. */
  attemptNumber: number;
  /** Stable for every attempt at publishing one post (e.g. the post id plus its content version). */
  idempotencyKey: string;
  retryPolicy?: RetryPolicy;
  metrics?: Pick<Metrics, 'publishAttempts'>;
  random?: () => number;
  /** Uploads what the post carries and answers its Posts API `content`; each upload step is reported. */
  prepareContent?: (onStep: (step: UploadStep) => void) => Promise<LinkedInPostContent | undefined>;
}

/** What happened, and what to do next: `retry` after `retryDelayMs`, or stop (`published` / `failed`). */
export type PublishOutcome = 'published' | 'retry' | 'failed';

/** One row of a post's publishing history; everything the caller needs to persist. */
export interface PublishAttemptRecord {
  number: number;
  idempotencyKey: string;
  requestId: string;
  startedAt: Date;
  durationMs: number;
  /** null when no HTTP answer came (not sent, network error, timeout). */
  httpStatus: number | null;
  outcome: PublishOutcome;
  errorCategory: LinkedInErrorCategory | null;
  retryable: boolean;
  retryDelayMs?: number;
  retryAfterSeconds?: number;
  serviceErrorCode?: number;
  errorCode?: string;
  errorMessage?: string;
  linkedInRequestId?: string;
  urn?: string;
  permalink?: string;
  /** The asset uploads this attempt made before creating the post, in order (also when one of them failed). */
  uploadSteps?: UploadStep[];
}

/**
 * Runs one attempt at publishing a post and reports it; API failures become the record, never an
 * exception. LinkedIn has no idempotency header for posts, but it refuses an identical post from
 * the same author with 422 DUPLICATE_POST naming the existing URN. So a duplicate on a retry
 * (attempt > 1) means an earlier attempt did create the post and its answer was lost: the attempt
 * records that URN and counts as published. A duplicate on the first attempt is the member's own
 * earlier identical post, not ours, so it fails with that reason. A duplicate whose URN LinkedIn
 * did not name fails too, since the post cannot be linked.
 */
export async function publishAttempt(input: PublishAttemptInput): Promise<PublishAttemptRecord> {
  const base = {
    number: input.attemptNumber,
    idempotencyKey: input.idempotencyKey,
    requestId: `${input.idempotencyKey}:${input.attemptNumber}`,
    startedAt: new Date(),
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const finish = (record: PublishAttemptRecord) => {
    input.metrics?.publishAttempts.inc({ outcome: record.outcome });
    return record;
  };

  let commentary: string;
  try {
    commentary = toLittleText(input.post.content, { hashtags: input.post.hashtags, mentions: input.post.mentions });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return finish(notSent(base, elapsed(), error.message));
  }
  const problem = validateCommentary(commentary);
  if (problem) return finish(notSent(base, elapsed(), problem.message));

  const uploadSteps: UploadStep[] = [];
  try {
    const content = await input.prepareContent?.((step) => uploadSteps.push(step));
    const created = await input.client.createPost({
      accessToken: input.accessToken,
      author: input.post.author,
      commentary,
      visibility: input.post.visibility,
      content,
      requestId: base.requestId,
    });
    return finish({
      ...base,
      uploadSteps,
      durationMs: elapsed(),
      httpStatus: 201,
      outcome: 'published',
      errorCategory: null,
      retryable: false,
      linkedInRequestId: created.linkedInRequestId,
      urn: created.urn,
      permalink: created.permalink,
    });
  } catch (error) {
    if (!isLinkedInApiError(error)) throw error;
    return finish({ ...fromError(base, elapsed(), error, input), uploadSteps });
  }
}

type AttemptBase = Pick<PublishAttemptRecord, 'number' | 'idempotencyKey' | 'requestId' | 'startedAt'>;

function notSent(base: AttemptBase, durationMs: number, message: string): PublishAttemptRecord {
  return {
    ...base,
    durationMs,
    httpStatus: null,
    outcome: 'failed',
    errorCategory: 'client',
    retryable: false,
    errorMessage: message,
  };
}

function fromError(base: AttemptBase, durationMs: number, error: LinkedInApiError, input: PublishAttemptInput): PublishAttemptRecord {
  const record: PublishAttemptRecord = {
    ...base,
    durationMs,
    httpStatus: error.status,
    outcome: 'failed',
    errorCategory: error.category,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
    serviceErrorCode: error.serviceErrorCode,
    errorCode: error.code,
    errorMessage: refusedPage(error, input.post.author) ?? error.message,
    linkedInRequestId: error.linkedInRequestId,
  };
  if (error.category === 'duplicate') return duplicate(record, error, input.attemptNumber);
  const decision = decideRetry(input.retryPolicy ?? DEFAULT_RETRY_POLICY, error, input.attemptNumber, input.random);
  return decision.action === 'retry'
    ? { ...record, outcome: 'retry', retryDelayMs: decision.delayMs }
    : { ...record, errorMessage: `${record.errorMessage} (${decision.reason})` };
}

/**
 * A page's 403 (on the post or on one of its uploads) means LinkedIn no longer lets the member who
 * connected it act for the organization: said so, since LinkedIn's own message names no reason.
 */
function refusedPage(error: LinkedInApiError, author: string): string | undefined {
  if (error.status !== 403 || !author.startsWith('urn:li:organization:')) return undefined;
  return `LinkedIn refused to publish as the organization page ${author}: the member who connected it is not (or no longer) one of its administrators; an administrator must connect the page again. (${error.message})`;
}

function duplicate(record: PublishAttemptRecord, error: LinkedInApiError, attemptNumber: number): PublishAttemptRecord {
  const urn = error.duplicateOf;
  if (!urn) {
    return { ...record, errorMessage: 'LinkedIn reports this post as a duplicate but did not say of which post.' };
  }
  if (attemptNumber === 1) {
    return {
      ...record,
      errorMessage: `The author already has an identical post on LinkedIn (${urn}); change the text to publish it again.`,
    };
  }
  return {
    ...record,
    outcome: 'published',
    urn,
    permalink: permalinkFor(urn),
    errorMessage: `An earlier attempt had already created ${urn}; its answer was lost, so this attempt adopts it.`,
  };
}
