import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import type { IssuedSession } from './sessions.service.js';

/** Users just signed up or logged in: their own email is theirs to see in the same response. */
const ownSessionUsers = new WeakSet<object>();

const UserRole = builder.enumType('UserRole', {
  description: 'What a user may do beyond their own posts.',
  values: {
    USER: { description: 'An author: their own posts, accounts and analytics.' },
    OWNER: { description: 'Also manages the deployment: issues and revokes service tokens. Given with `npm run user:role`.' },
  },
});

export const User = builder.prismaNode('User', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 10 * MINUTE } satisfies CachePolicy },
  id: { field: 'id' },
  description: 'An author on the platform.',
  findUnique: (id) => ({ id }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    headline: t.exposeString('headline', { nullable: true, description: 'Professional headline, as on a LinkedIn profile.' }),
    email: t.string({
      nullable: true,
      description: 'Sign-in email. Only visible to the user themself; null for everyone else.',
      extensions: { cache: { private: true } satisfies CachePolicy },
      select: { email: true },
      resolve: (user, _args, ctx) => (viewerUserId(ctx) === user.id || ownSessionUsers.has(user) ? user.email : null),
    }),
    role: t.field({
      type: UserRole,
      nullable: true,
      description: 'What the user may do: OWNERs manage service tokens. Only visible to the user themself; null for everyone else.',
      // Never cached: `npm run user:role` changes it without going through the API.
      extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
      select: { role: true },
      resolve: (user, _args, ctx) => (viewerUserId(ctx) === user.id || ownSessionUsers.has(user) ? user.role : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was created.' }),
  }),
});

export const AuthPayload = builder.objectRef<IssuedSession>('AuthPayload').implement({
  description:
    'A signed-in session. Send `token` as `Authorization: Bearer <token>`; when it expires (`accessTokenExpiresAt`, or an UNAUTHENTICATED answer) trade `refreshToken` for a new pair with `refreshSession`.',
  fields: (t) => ({
    token: t.exposeString('token', {
      description: 'The access token: a JWT that expires minutes after it is issued (`accessTokenExpiresAt`). Send it as `Authorization: Bearer <token>`.',
    }),
    accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime', description: 'When `token` stops working: refresh shortly before.' }),
    refreshToken: t.exposeString('refreshToken', {
      description:
        'Trades for a new access token and a new refresh token with `refreshSession`, once: store the new one in its place. Keep it out of reach of scripts where you can; a refresh token presented twice ends the session.',
    }),
    refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', {
      type: 'DateTime',
      description: 'When `refreshToken` stops working: a session left unused this long must log in again. Every refresh moves it on.',
    }),
    user: t.prismaField({
      type: 'User',
      description: 'The signed-in user.',
      resolve: async (query, payload, _args, ctx) => {
        const user = await ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } });
        ownSessionUsers.add(user);
        return user;
      },
    }),
  }),
});

/** A password as sign-up and changePassword accept it. */
export const newPassword = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

const email = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be a valid email address'));

// Validated as a whole so every invalid field is reported at once, not just the first.
const SignUpInput = builder.inputType('SignUpInput', {
  description: 'A new account.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Used to log in; must be unique.' }),
    password: t.string({ required: true, description: 'At least 8 characters.' }),
    name: t.string({ required: true, description: 'Display name, 1 to 100 characters.' }),
    headline: t.string({ description: 'Optional professional headline, at most 220 characters.' }),
  }),
  validate: z.object({
    email,
    password: newPassword,
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    headline: z.string().max(220, 'must be at most 220 characters').nullish(),
  }),
});

const LogInInput = builder.inputType('LogInInput', {
  description: 'Credentials of an existing account.',
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
  validate: z.object({ email: z.string().max(254), password: z.string().max(200) }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null without a valid token.',
    extensions: { cache: { ttlMs: 5 * MINUTE, private: true } satisfies CachePolicy },
    resolve: (query, _root, _args, ctx) => {
      const id = viewerUserId(ctx);
      return id ? ctx.prisma.user.findUnique({ ...query, where: { id } }) : null;
    },
  }),
);

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    description: 'Creates an account and signs it in (a new session). Fails with CONFLICT when the email is taken.',
    extensions: { rateLimit: 'auth' satisfies FieldRateLimit },
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.auth.signUp(input),
  }),
  logIn: t.field({
    type: AuthPayload,
    description: 'Signs in: a new session. A wrong password and an unknown email get the same UNAUTHENTICATED error.',
    extensions: { rateLimit: 'auth' satisfies FieldRateLimit },
    args: { input: t.arg({ type: LogInInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.auth.logIn(input.email, input.password),
  }),
}));
