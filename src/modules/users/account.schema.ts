import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder, requireActor, requireUserId } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { viewerSessionId } from '../../shared/viewer.js';
import { newPassword } from './user.schema.js';

const password = z.string().max(200, 'must be at most 200 characters');

// Both take the password: a stolen access token alone must not lock the owner out or erase them.
builder.mutationFields((t) => ({
  changePassword: t.boolean({
    description:
      'Replaces your password and ends every other session of yours (every other device must log in again); this one goes on. A wrong `currentPassword` is BAD_USER_INPUT.',
    authScopes: { authenticated: true },
    extensions: { rateLimit: 'auth' satisfies FieldRateLimit },
    args: {
      currentPassword: t.arg.string({ required: true, description: 'The password you sign in with now.', validate: password }),
      newPassword: t.arg.string({ required: true, description: 'At least 8 characters.', validate: newPassword }),
    },
    resolve: async (_root, args, ctx) => {
      await ctx.services.auth.changePassword(requireUserId(ctx), viewerSessionId(ctx)!, args.currentPassword, args.newPassword);
      return true;
    },
  }),
  deleteAccount: t.id({
    description:
      "Deletes your account and everything of yours: posts, generation jobs, connected LinkedIn accounts and every session (its tokens stop working at once). Returns the deleted user's ID. A wrong `password` is BAD_USER_INPUT. Cannot be undone.",
    authScopes: { authenticated: true },
    extensions: { rateLimit: 'auth' satisfies FieldRateLimit },
    args: { password: t.arg.string({ required: true, description: 'Your password, to confirm.', validate: password }) },
    resolve: async (_root, { password }, ctx) => {
      const actor = requireActor(ctx);
      await ctx.services.accounts.deleteAccount(actor, password);
      return encodeGlobalID('User', actor.userId);
    },
  }),
}));
