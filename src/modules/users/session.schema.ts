import { z } from 'zod';
import { builder, requireUserId } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { viewerSessionId } from '../../shared/viewer.js';
import { AuthPayload } from './user.schema.js';

const refreshTokenArg = z.string().max(200, 'must be at most 200 characters');

builder.mutationFields((t) => ({
  refreshSession: t.field({
    type: AuthPayload,
    description:
      'Trades a refresh token for a new access token and a new refresh token of the same session. Each refresh token works once: one presented again (two tabs refreshing at the same moment, or a stolen copy) ends the whole session with UNAUTHENTICATED, so refresh from one place at a time. Works while the request still carries the expired access token.',
    extensions: { rateLimit: 'auth' satisfies FieldRateLimit },
    args: { refreshToken: t.arg.string({ required: true, description: 'The refresh token from your last AuthPayload.', validate: refreshTokenArg }) },
    resolve: (_root, { refreshToken }, ctx) => ctx.services.sessions.refresh(refreshToken),
  }),
  logOut: t.boolean({
    description:
      'Ends the session of the access token sent, and of `refreshToken` if given: its access tokens are refused from the next request on, its refresh token at once. Send only the refresh token when the access token has expired. UNAUTHENTICATED when neither is sent.',
    args: { refreshToken: t.arg.string({ description: 'The refresh token of the session to end.', validate: refreshTokenArg }) },
    resolve: async (_root, { refreshToken }, ctx) => {
      await ctx.services.sessions.logOut(viewerSessionId(ctx), refreshToken ?? undefined);
      return true;
    },
  }),
  logOutEverywhere: t.boolean({
    description: 'Ends every session of the signed-in user on every device, this one included: log in again to go on.',
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      await ctx.services.sessions.endAll(requireUserId(ctx));
      return true;
    },
  }),
}));
