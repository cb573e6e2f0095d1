import { classifyResponse, isLinkedInApiError, networkError, timeoutError } from './linkedin-api-error.js';

export interface LinkedInHttpOptions {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface LinkedInHttpResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

/**
 * One HTTP exchange with LinkedIn, bounded by a timeout that covers the body too. Every failure
 * (network, timeout, non-2xx) comes out as a classified LinkedInApiError.
 */
export async function linkedInRequest(http: LinkedInHttpOptions, url: string, init: RequestInit): Promise<LinkedInHttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), http.timeoutMs);
  try {
    const response = await http.fetch(url, { ...init, signal: controller.signal });
    const bodyText = await response.text();
    if (!response.ok) throw classifyResponse(response.status, response.headers, bodyText);
    return { status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    if (controller.signal.aborted) throw timeoutError(http.timeoutMs);
    if (isLinkedInApiError(error)) throw error;
    throw networkError(error);
  } finally {
    clearTimeout(timer);
  }
}
