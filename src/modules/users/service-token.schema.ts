import { z } from 'zod';
import { builder, requireUserId } from '../../graphql/builder.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { type ServiceTokenScope as Scope, SERVICE_TOKEN_SCOPES } from './service-token.rules.js';
import type { IssuedServiceToken as Issued } from './service-tokens.service.js';

const ServiceTokenScope = builder.enumType('ServiceTokenScope', {
  description: 'What a service token may do.',
  values: {
    INGEST: { value: 'ingest', description: 'Record engagement for any post (`recordEngagements`).' },
  } satisfies Record<string, { value: Scope; description: string }>,
});

const isKnownScope = (scope: string): scope is Scope => (SERVICE_TOKEN_SCOPES as readonly string[]).includes(scope);

// Never cached: lastUsedAt moves on requests that go nowhere near the API's writes.
const ServiceToken = builder.prismaObject('ServiceToken', {
  description: 'A named bearer token for a machine, such as an engagement ingester. Only its SHA-256 is stored. Owners only.',
  extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Pass it to `revokeServiceToken`.' }),
    name: t.exposeString('name', { description: 'What it is for; requests with it share the rate-limit budget of this name.' }),
    scopes: t.field({ type: [ServiceTokenScope], select: { scopes: true }, resolve: (token) => token.scopes.filter(isKnownScope) }),
    createdBy: t.relation('createdBy', { nullable: true, description: 'The owner who issued it; null when issued by `npm run token:service`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a request last carried it, to the minute (each API process records a use at most once a minute); null if never.',
    }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When it was revoked; from then on it is refused.' }),
  }),
});

const IssuedServiceToken = builder.objectRef<Issued>('IssuedServiceToken').implement({
  description: 'A service token just issued: `token` is shown this once and cannot be read again.',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send it as `Authorization: Bearer <token>`. Store it now: only its hash is kept.' }),
    serviceToken: t.field({ type: ServiceToken, resolve: (issued) => issued.serviceToken }),
  }),
});

const IssueServiceTokenInput = builder.inputType('IssueServiceTokenInput', {
  description: 'A new service token.',
  fields: (t) => ({
    name: t.string({ required: true, description: '1 to 64 letters, digits, dots, dashes or underscores, e.g. `linkedin-ingester`.' }),
    scopes: t.field({ type: [ServiceTokenScope], required: true, description: 'At least one.' }),
  }),
});

builder.queryField('serviceTokens', (t) =>
  t.field({
    type: [ServiceToken],
    description: 'Every service token, revoked ones included, newest first. Owners only (FORBIDDEN for anyone else).',
    authScopes: { owner: true },
    resolve: (_root, _args, ctx) => ctx.services.serviceTokens.list(),
  }),
);

builder.mutationFields((t) => ({
  issueServiceToken: t.field({
    type: IssuedServiceToken,
    description: 'Mints a named service token (e.g. with INGEST for an engagement pipeline). Owners only (FORBIDDEN for anyone else).',
    authScopes: { owner: true },
    args: { input: t.arg({ type: IssueServiceTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.serviceTokens.issue({ name: input.name, scopes: input.scopes, createdById: requireUserId(ctx) }),
  }),
  revokeServiceToken: t.field({
    type: ServiceToken,
    description: 'Revokes a service token: refused at once (within a second on every API process). Revoking it again changes nothing. Owners only.',
    authScopes: { owner: true },
    args: { id: t.arg.id({ required: true, description: "The token's `id`.", validate: z.uuid('must be a service token id') }) },
    resolve: (_root, { id }, ctx) => ctx.services.serviceTokens.revoke(String(id)),
  }),
}));
