import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder, requireActor, requireUserId } from '../../graphql/builder.js';
import { responseCookiesOf } from '../../graphql/plugins/use-response-cookies.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';
import { Workspace } from '../workspaces/workspace.schema.js';

const LinkedInAccountStatus = builder.enumType('LinkedInAccountStatus', {
  description: 'Whether a connected LinkedIn account can publish.',
  values: {
    CONNECTED: { description: 'Ready to publish.' },
    NEEDS_RECONNECT: { description: 'LinkedIn refused its token (revoked or changed); connect it again.' },
    EXPIRED: { description: 'Its token expired (`expiresAt`); connect it again.' },
  },
});

const LinkedInAccountKind = builder.enumType('LinkedInAccountKind', {
  description: 'Who posts: the member who connected, or an organization page they administer.',
  values: {
    PERSON: { description: 'The LinkedIn member who connected (urn:li:person:…).' },
    ORGANIZATION: {
      description:
        "An organization (company) page the member who connected administers (urn:li:organization:…), connected by `connectLinkedIn(pages: true)`; it posts with that member's consent.",
    },
  },
});

export const LinkedInAccount = builder.prismaNode('LinkedInAccount', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 0 } satisfies CachePolicy },
  id: { field: 'id' },
  description:
    "A LinkedIn member or organization connected to a workspace, to publish its posts as. Only the workspace's members see it; its tokens are never exposed.",
  // Only members of its workspace can fetch it by node(id); without a viewer nothing matches.
  findUnique: (id, ctx) => {
    const viewerId = viewerUserId(ctx);
    return { id, AND: [viewerId ? { workspace: { members: { some: { userId: viewerId } } } } : { id: { in: [] } }] };
  },
  fields: (t) => ({
    urn: t.exposeString('urn', { description: 'LinkedIn\'s id for the author, e.g. "urn:li:person:aB3_x-9Q" or "urn:li:organization:2414183".' }),
    name: t.exposeString('name', { description: "The name LinkedIn reports for it (a page's localized name)." }),
    kind: t.expose('kind', { type: LinkedInAccountKind }),
    vanityName: t.exposeString('vanityName', {
      nullable: true,
      description: "An organization page's name in its address (linkedin.com/company/<vanityName>); null for a member.",
    }),
    status: t.expose('status', { type: LinkedInAccountStatus }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When its access token expires; reconnect before then.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was first connected.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last connected or changed status.' }),
  }),
});

/** The optional `accountId` argument of publishPost, schedulePost and reschedulePost. */
export const linkedInAccountArgs = builder.args((t) => ({
  accountId: t.globalID({
    for: LinkedInAccount,
    description: "The LinkedIn account of the post's workspace to publish as (NOT_FOUND for any other); default: the workspace's most recently connected one.",
  }),
}));

builder.prismaObjectField(User, 'linkedInAccounts', (t) =>
  t.prismaField({
    type: ['LinkedInAccount'],
    description:
      'The LinkedIn accounts this user connected, in any of their workspaces, oldest first. Only the user themself sees them; empty for everyone else.',
    extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
    resolve: (query, user, _args, ctx) => (viewerUserId(ctx) === user.id ? ctx.services.linkedInAccounts.list(user.id, query) : []),
  }),
);

builder.prismaObjectField(Workspace, 'linkedInAccounts', (t) =>
  t.prismaField({
    type: ['LinkedInAccount'],
    description:
      'The LinkedIn accounts connected to the workspace, oldest first: its posts are published with one of them. Members only, as the workspace itself.',
    extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
    resolve: (query, workspace, _args, ctx) => ctx.services.linkedInAccounts.listInWorkspace(workspace.id, query),
  }),
);

const LinkedInAuthorization = builder.objectRef<{ url: string; expiresAt: Date }>('LinkedInAuthorization').implement({
  description: 'Where to send the browser to connect a LinkedIn account.',
  fields: (t) => ({
    url: t.exposeString('url', {
      description: "LinkedIn's sign-in page; after consent LinkedIn returns to /auth/linkedin/callback, which stores the account.",
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'The link stops working after this.' }),
  }),
});

builder.mutationFields((t) => ({
  connectLinkedIn: t.field({
    type: LinkedInAuthorization,
    description:
      "Starts connecting a LinkedIn account to a workspace (OWNERs and ADMINs; FORBIDDEN for anyone else): open the returned URL in the same browser. The response sets an HttpOnly cookie for the API's callback path, which the callback checks, so send this over HTTP with credentials (fetch `credentials: 'include'`) from a page on the API's site. SERVICE_UNAVAILABLE when the server has no LinkedIn app configured.",
    args: {
      workspaceId: t.arg.globalID({
        for: Workspace,
        description: 'The workspace to connect it to, where you are OWNER or ADMIN. Default: your personal workspace.',
      }),
      pages: t.arg.boolean({
        description:
          "Also connect the organization pages you administer on LinkedIn, each as an ORGANIZATION account of the same workspace (asks LinkedIn for w_organization_social and r_organization_admin too). The callback's answer lists them, and says in `warnings` why some or all were not connected; your own account is connected either way. Default: false.",
      }),
    },
    authScopes: (_root, { workspaceId }) =>
      workspaceId ? { workspacePermission: { workspaceId: workspaceId.id, action: 'manageLinkedInAccounts' } } : { authenticated: true },
    resolve: async (_root, { workspaceId, pages }, ctx) => {
      const cookies = responseCookiesOf(ctx);
      const { cookie, ...authorization } = await ctx.services.linkedInAccounts.startConnection(requireUserId(ctx), {
        workspaceId: workspaceId?.id,
        pages: pages ?? false,
      });
      cookies.push(cookie);
      return authorization;
    },
  }),
  disconnectLinkedIn: t.id({
    description:
      "Forgets one of a workspace's LinkedIn accounts and its tokens (OWNERs and ADMINs of the workspace; NOT_FOUND outside it); returns its ID. CONFLICT while posts are scheduled with it.",
    args: { id: t.arg.globalID({ for: LinkedInAccount, required: true, description: "The account's global ID." }) },
    authScopes: (_root, { id }) => ({ linkedInAccountManager: id.id }),
    resolve: async (_root, { id }, ctx) => {
      await ctx.services.linkedInAccounts.disconnect(requireActor(ctx), id.id);
      return encodeGlobalID('LinkedInAccount', id.id);
    },
  }),
}));
