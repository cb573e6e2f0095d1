import { setTimeout as sleep } from 'node:timers/promises';
import { parseJsonObject } from './json-object.js';
import { LinkedInApiError } from './linkedin-api-error.js';
import { type LinkedInHttpOptions, linkedInRequest } from './linkedin-http.js';

/** LinkedIn's Images API and Documents API: the same three steps, under different names. */
export type AssetKind = 'image' | 'document';

/** Bytes to upload and their type, wherever they are stored. */
export interface AssetBytes {
  bytes: Uint8Array;
  contentType: string;
}

/** Where a post's media bytes come from (the media store plugs in here). */
export interface MediaSource {
  read(mediaId: string): Promise<AssetBytes>;
}

/** One step of an upload, as the publish attempt's log records it. */
export interface UploadStep {
  asset: AssetKind;
  step: 'initializeUpload' | 'upload' | 'available';
  /** The asset's URN, once LinkedIn named it. */
  urn?: string;
  /** For `available`: how many status reads it took. */
  polls?: number;
  durationMs: number;
}

export interface LinkedInAssetsOptions {
  apiBaseUrl: string;
  linkedInVersion: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Between status reads while LinkedIn processes an upload. */
  pollIntervalMs?: number;
  /** Status reads before giving up on this attempt (the next attempt uploads again). */
  maxPolls?: number;
}

export interface UploadInput extends AssetBytes {
  accessToken: string;
  /** `urn:li:person:…`: the member the asset (and the post) belong to. */
  owner: string;
  onStep?: (step: UploadStep) => void;
}

const PATH: Record<AssetKind, string> = { image: 'images', document: 'documents' };

/**
 * Uploads an asset the way LinkedIn documents it
 * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api):
 * `POST /rest/{images|documents}?action=initializeUpload` with the owner, `PUT` of the bytes to the
 * `uploadUrl` it answers, then `GET /rest/{images|documents}/{urn}` until its status is AVAILABLE.
 * Every failure is a classified LinkedInApiError, so a publish attempt retries what is worth retrying.
 */
export function createLinkedInAssets(options: LinkedInAssetsOptions) {
  const base = options.apiBaseUrl.replace(/\/+$/, '');
  const http: LinkedInHttpOptions = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs };
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxPolls = options.maxPolls ?? 10;
  const headers = (accessToken: string) => ({
    Authorization: `Bearer ${accessToken}`,
    'LinkedIn-Version': options.linkedInVersion,
    'X-Restli-Protocol-Version': '2.0.0',
  });

  async function upload(kind: AssetKind, input: UploadInput): Promise<string> {
    const timed = async <T>(work: () => Promise<T>) => {
      const started = Date.now();
      const result = await work();
      return { result, durationMs: Date.now() - started };
    };
    const init = await timed(() =>
      linkedInRequest(http, `${base}/rest/${PATH[kind]}?action=initializeUpload`, {
        method: 'POST',
        headers: { ...headers(input.accessToken), 'Content-Type': 'application/json' },
        body: JSON.stringify({ initializeUploadRequest: { owner: input.owner } }),
      }),
    );
    const { uploadUrl, urn } = initializeAnswer(kind, init.result.bodyText);
    input.onStep?.({ asset: kind, step: 'initializeUpload', urn, durationMs: init.durationMs });

    const put = await timed(() =>
      linkedInRequest(http, uploadUrl, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${input.accessToken}`, 'Content-Type': input.contentType },
        body: new Uint8Array(input.bytes),
      }),
    );
    input.onStep?.({ asset: kind, step: 'upload', urn, durationMs: put.durationMs });

    const ready = await timed(() => waitAvailable(kind, urn, input.accessToken));
    input.onStep?.({ asset: kind, step: 'available', urn, polls: ready.result, durationMs: ready.durationMs });
    return urn;
  }

  /** How many reads it took; PROCESSING past maxPolls is retryable (the next attempt starts over). */
  async function waitAvailable(kind: AssetKind, urn: string, accessToken: string): Promise<number> {
    for (let poll = 1; poll <= maxPolls; poll++) {
      const answer = await linkedInRequest(http, `${base}/rest/${PATH[kind]}/${encodeURIComponent(urn)}`, { method: 'GET', headers: headers(accessToken) });
      const { status } = parseJsonObject<{ status: string }>(answer.bodyText);
      if (status === 'AVAILABLE') return poll;
      if (status === 'PROCESSING_FAILED') throw assetError(`LinkedIn could not process the ${kind} ${urn}.`, false);
      if (poll < maxPolls) await sleep(pollIntervalMs);
    }
    throw assetError(`LinkedIn was still processing the ${kind} ${urn} after ${maxPolls} checks.`, true);
  }

  return {
    uploadImage: (input: UploadInput) => upload('image', input),
    uploadDocument: (input: UploadInput) => upload('document', input),
  };
}

export type LinkedInAssets = ReturnType<typeof createLinkedInAssets>;

function initializeAnswer(kind: AssetKind, bodyText: string): { uploadUrl: string; urn: string } {
  const { value } = parseJsonObject<{ value: Record<string, unknown> }>(bodyText);
  const uploadUrl = value?.uploadUrl;
  const urn = value?.[kind];
  if (typeof uploadUrl !== 'string' || typeof urn !== 'string' || !/^https?:\/\//.test(uploadUrl)) {
    throw assetError(`LinkedIn's initializeUpload answer for the ${kind} has no upload URL or URN.`, true);
  }
  return { uploadUrl, urn };
}

const assetError = (message: string, retryable: boolean) =>
  new LinkedInApiError({ status: null, category: retryable ? 'server' : 'client', retryable, message });

const STEPS = new Set<unknown>(['initializeUpload', 'upload', 'available']);

/** Upload steps as stored with an attempt; entries not of this shape (never written by us) are dropped, not guessed at. */
export function decodeUploadSteps(stored: unknown): UploadStep[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (entry): entry is UploadStep =>
      typeof entry === 'object' &&
      entry !== null &&
      (entry.asset === 'image' || entry.asset === 'document') &&
      STEPS.has(entry.step) &&
      typeof entry.durationMs === 'number' &&
      (entry.urn === undefined || typeof entry.urn === 'string') &&
      (entry.polls === undefined || typeof entry.polls === 'number'),
  );
}
