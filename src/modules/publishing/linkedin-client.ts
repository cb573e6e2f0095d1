import type { Logger } from '../../infra/logger.js';
import { isLinkedInApiError, LinkedInApiError } from './linkedin-api-error.js';
import type { LinkedInPostContent } from './linkedin-content.js';
import { type LinkedInHttpOptions, type LinkedInHttpResponse, linkedInRequest } from './linkedin-http.js';

export type LinkedInVisibility = 'PUBLIC' | 'CONNECTIONS';

export interface LinkedInClientOptions {
  /** `https://api.linkedin.com` in production. */
  apiBaseUrl: string;
  /** The Marketing API version to pin, `YYYYMM` (e.g. `202511`). */
  linkedInVersion: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  logger?: Logger;
}

export interface CreatePostInput {
  accessToken: string;
  /** `urn:li:person:…` or `urn:li:organization:…` */
  author: string;
  /** Little-text commentary (see little-text.ts). */
  commentary: string;
  visibility: LinkedInVisibility;
  /** The article, poll or media it carries, its assets already uploaded. */
  content?: LinkedInPostContent;
  /** Our id for this call, for the logs (LinkedIn documents no request-id header to send). */
  requestId?: string;
}

export interface CreatedPost {
  /** `urn:li:share:…` or `urn:li:ugcPost:…` */
  urn: string;
  permalink: string;
  /** LinkedIn's `x-li-uuid` for this call, when it sent one. */
  linkedInRequestId?: string;
}

export interface LinkedInClient {
  createPost(input: CreatePostInput): Promise<CreatedPost>;
}

const AUTHOR_URN = /^urn:li:(?:person|organization):[A-Za-z0-9_-]+$/;
const VERSION = /^\d{6}(?:\.\d{2})?$/;

export const permalinkFor = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`;

/** The Posts API body, exactly as LinkedIn documents it: text, plus `content` for a post that carries one. */
export function postRequestBody(input: Pick<CreatePostInput, 'author' | 'commentary' | 'visibility' | 'content'>) {
  return {
    author: input.author,
    commentary: input.commentary,
    visibility: input.visibility,
    ...(input.content ? { content: input.content } : {}),
    distribution: {
      feedDistribution: 'MAIN_FEED',
      targetEntities: [],
      thirdPartyDistributionChannels: [],
    },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
}

export function createLinkedInClient(options: LinkedInClientOptions): LinkedInClient {
  if (!VERSION.test(options.linkedInVersion)) {
    throw new Error(`linkedInVersion must be YYYYMM (e.g. 202511), got "${options.linkedInVersion}".`);
  }
  const base = options.apiBaseUrl.replace(/\/+$/, '');
  const http: LinkedInHttpOptions = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs };

  return {
    async createPost(input) {
      if (!AUTHOR_URN.test(input.author)) {
        throw new LinkedInApiError({
          status: null,
          category: 'client',
          retryable: false,
          message: `The author must be a person or organization URN, got "${input.author}".`,
        });
      }
      const started = Date.now();
      const log = options.logger?.child({ requestId: input.requestId, author: input.author });
      let response: LinkedInHttpResponse;
      try {
        response = await linkedInRequest(http, `${base}/rest/posts`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${input.accessToken}`,
            'LinkedIn-Version': options.linkedInVersion,
            'X-Restli-Protocol-Version': '2.0.0',
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(postRequestBody(input)),
        });
      } catch (error) {
        if (isLinkedInApiError(error)) {
          log?.warn({ status: error.status, category: error.category, code: error.code, durationMs: Date.now() - started }, 'LinkedIn refused the post');
        }
        throw error;
      }
      log?.info({ status: response.status, durationMs: Date.now() - started }, 'LinkedIn accepted the post');
      const urn = response.headers.get('x-restli-id');
      const linkedInRequestId = response.headers.get('x-li-uuid') ?? undefined;
      if (!urn) {
        throw new LinkedInApiError({
          status: response.status,
          category: 'server',
          retryable: false,
          linkedInRequestId,
          message: `LinkedIn answered ${response.status} without an x-restli-id header; the post may exist but its URN is unknown.`,
        });
      }
      return { urn, permalink: permalinkFor(urn), linkedInRequestId };
    },
  };
}
