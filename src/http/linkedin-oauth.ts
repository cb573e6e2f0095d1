import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Logger } from '../infra/logger.js';
import type { LinkedInAccountService } from '../modules/publishing/linkedin-accounts.service.js';
import { isLinkedInApiError } from '../modules/publishing/linkedin-api-error.js';
import { badInput, isAppError } from '../shared/errors.js';
import { sendJson, type Route } from './router.js';

export interface LinkedInCallbackDeps {
  accounts: LinkedInAccountService;
  /** Where to send the browser afterwards; without one the callback answers JSON. */
  connectedRedirectUrl?: string;
  logger: Logger;
}

/**
 * LinkedIn redirects the member's browser here with `code` and the `state` that connectLinkedIn
 * signed; the state says which user started the flow, so no session is needed.
 */
export function linkedInCallbackRoute({ accounts, connectedRedirectUrl, logger }: LinkedInCallbackDeps): Route {
  return {
    method: 'GET',
    path: '/auth/linkedin/callback',
    async handle(_req, res, url) {
      const finish = (status: number, body: { linkedInAccount?: Record<string, unknown>; error?: { code: string; message: string } }) => {
        if (!connectedRedirectUrl) return sendJson(res, status, body);
        const target = new URL(connectedRedirectUrl);
        if (body.linkedInAccount) target.searchParams.set('linkedInAccount', String(body.linkedInAccount.id));
        if (body.error) target.searchParams.set('error', body.error.message);
        res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' }).end();
      };
      try {
        const params = url.searchParams;
        const refused = params.get('error');
        if (refused) throw badInput([], `LinkedIn did not connect the account: ${params.get('error_description') ?? refused}.`);
        const code = params.get('code');
        const state = params.get('state');
        if (!code || !state) {
          throw badInput([...(code ? [] : [{ path: 'code', message: 'is required' }]), ...(state ? [] : [{ path: 'state', message: 'is required' }])]);
        }
        const account = await accounts.completeConnection(code, state);
        finish(200, {
          linkedInAccount: {
            id: encodeGlobalID('LinkedInAccount', account.id),
            urn: account.urn,
            name: account.name,
            kind: account.kind,
            status: account.status,
            expiresAt: account.expiresAt.toISOString(),
          },
        });
      } catch (error) {
        if (isAppError(error)) return finish(error.code === 'SERVICE_UNAVAILABLE' ? 503 : 400, { error: { code: error.code, message: error.message } });
        if (!isLinkedInApiError(error)) throw error;
        logger.warn({ status: error.status, category: error.category, code: error.code }, 'LinkedIn refused the OAuth exchange');
        finish(502, { error: { code: 'LINKEDIN_ERROR', message: `LinkedIn refused to connect the account: ${error.message}` } });
      }
    },
  };
}
