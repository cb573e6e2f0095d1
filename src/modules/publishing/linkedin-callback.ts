import { encodeGlobalID } from '@pothos/plugin-relay';
import type { LinkedInAccount } from '../../generated/prisma/client.js';
import type { Logger } from '../../infra/logger.js';
import type { ResponseCookie } from '../../shared/cookies.js';
import { badInput, isAppError } from '../../shared/errors.js';
import type { LinkedInAccountService } from './linkedin-accounts.service.js';
import { isLinkedInApiError } from './linkedin-api-error.js';
import { OAUTH_COOKIE } from './oauth-cookie.js';

/** What the OAuth callback answers: the connected account (and pages), or why not. */
export interface LinkedInCallbackOutcome {
  status: number;
  body: {
    linkedInAccount?: Record<string, unknown>;
    /** The organization pages connected beside it, when the flow asked for them. */
    organizationAccounts?: Record<string, unknown>[];
    /** Why some or all pages were not connected; the member's own account is connected regardless. */
    warnings?: { message: string }[];
    error?: { code: string; message: string };
  };
  /** Cookies the response sets: the flow's own, cleared, whatever the outcome. */
  cookies?: ResponseCookie[];
}

/** HTTP statuses of the refusals that are not the browser's bad input. */
const STATUS_OF: Partial<Record<string, number>> = { SERVICE_UNAVAILABLE: 503, FORBIDDEN: 403 };

/** The browser's request to the callback, as the edge read it. */
export interface LinkedInCallbackRequest {
  params: URLSearchParams;
  /** The request's X-Request-Id, recorded with the connection in the audit log. */
  requestId: string;
  cookie(name: string): string | undefined;
}

/**
 * LinkedIn redirects the member's browser to the callback with `code` and the `state` that
 * connectLinkedIn signed; the state says which user started the flow, so no session is needed, and
 * the browser's cookie proves it is the browser that started it.
 */
export function createLinkedInCallback(accounts: LinkedInAccountService, logger: Logger) {
  return async (request: LinkedInCallbackRequest): Promise<LinkedInCallbackOutcome> => {
    const outcome = await complete(request);
    const cleared = accounts.clearedCookie();
    return cleared ? { ...outcome, cookies: [cleared] } : outcome;
  };

  async function complete({ params, cookie, requestId }: LinkedInCallbackRequest): Promise<LinkedInCallbackOutcome> {
    try {
      const refused = params.get('error');
      if (refused) throw badInput([], `LinkedIn did not connect the account: ${params.get('error_description') ?? refused}.`);
      const code = params.get('code');
      const state = params.get('state');
      if (!code || !state) {
        throw badInput([...(code ? [] : [{ path: 'code', message: 'is required' }]), ...(state ? [] : [{ path: 'state', message: 'is required' }])]);
      }
      const { account, pages, warnings } = await accounts.completeConnection(code, state, cookie(OAUTH_COOKIE), requestId || null);
      return {
        status: 200,
        body: {
          linkedInAccount: accountBody(account),
          ...(pages.length ? { organizationAccounts: pages.map(accountBody) } : {}),
          ...(warnings.length ? { warnings: warnings.map((message) => ({ message })) } : {}),
        },
      };
    } catch (error) {
      if (isAppError(error)) return { status: STATUS_OF[error.code] ?? 400, body: { error: { code: error.code, message: error.message } } };
      if (!isLinkedInApiError(error)) throw error;
      logger.warn({ status: error.status, category: error.category, code: error.code }, 'LinkedIn refused the OAuth exchange');
      return { status: 502, body: { error: { code: 'LINKEDIN_ERROR', message: `LinkedIn refused to connect the account: ${error.message}` } } };
    }
  }
}

const accountBody = (account: LinkedInAccount) => ({
  id: encodeGlobalID('LinkedInAccount', account.id),
  urn: account.urn,
  name: account.name,
  kind: account.kind,
  ...(account.vanityName ? { vanityName: account.vanityName } : {}),
  status: account.status,
  expiresAt: account.expiresAt.toISOString(),
});
