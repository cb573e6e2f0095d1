import { type ResponseCookie, requestCookie, serializeCookie } from '../shared/cookies.js';
import type { Route } from './routes.js';
import { sendJson } from './routes.js';

interface CallbackOutcome {
  status: number;
  body: { linkedInAccount?: { id?: unknown }; organizationAccounts?: { id?: unknown }[]; warnings?: { message: string }[]; error?: { message: string } };
  cookies?: ResponseCookie[];
}

interface CallbackRequest {
  params: URLSearchParams;
  requestId: string;
  cookie(name: string): string | undefined;
}

/**
 * A provider's OAuth redirect back to us: answered as JSON, or by sending the browser on to
 * `redirectUrl` with the outcome in its query when one is configured; either sets the cookies the
 * outcome names.
 */
export function oauthCallbackRoute(path: string, complete: (request: CallbackRequest) => Promise<CallbackOutcome>, redirectUrl?: string): Route {
  return {
    methods: ['GET'],
    path,
    async handle(req, res, observed) {
      const {
        status,
        body,
        cookies = [],
      } = await complete({
        params: new URL(req.url ?? '/', 'http://localhost').searchParams,
        requestId: observed.requestId,
        cookie: (name) => requestCookie(req.headers.cookie, name),
      });
      if (cookies.length) res.setHeader('set-cookie', cookies.map(serializeCookie));
      if (!redirectUrl) return sendJson(res, status, body);
      const target = new URL(redirectUrl);
      if (body.linkedInAccount) target.searchParams.set('linkedInAccount', String(body.linkedInAccount.id));
      for (const page of body.organizationAccounts ?? []) target.searchParams.append('organizationAccount', String(page.id));
      for (const warning of body.warnings ?? []) target.searchParams.append('warning', warning.message);
      if (body.error) target.searchParams.set('error', body.error.message);
      res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' }).end();
    },
  };
}
