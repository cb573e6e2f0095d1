import { createContextCache } from '@pothos/core';
import { encodeGlobalID, type ResolveCursorConnectionArgs, resolveCursorConnection } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import type { AuditEntry as AuditEntryRow, User as UserRow } from '../../generated/prisma/client.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { badField } from '../../shared/errors.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { PERMISSIONS } from '../workspaces/workspace-permissions.rules.js';
import { auditWhere } from './audit.service.js';
import type { AuditChange as Change } from './audit.types.js';
import { type AuditAction as Action, AUDIT_ACTIONS, AUDIT_TARGETS, SYSTEM_ACTORS, type AuditTargetType as TargetType } from './audit-actions.rules.js';
import { AUDIT_ORDER, auditCursor, decodeAuditCursor, newerThan, olderThan } from './audit-paging.rules.js';

const described = <K extends string>(entries: Record<K, string>) =>
  Object.fromEntries(Object.entries<string>(entries).map(([name, description]) => [name, { description }])) as Record<K, { description: string }>;

const AuditAction = builder.enumType('AuditAction', {
  description: 'What an audit log entry records.',
  values: described(AUDIT_ACTIONS),
});

const AuditTargetType = builder.enumType('AuditTargetType', {
  description: 'The kind of thing an audit log entry is about.',
  values: described(Object.fromEntries(Object.entries(AUDIT_TARGETS).map(([name, { description }]) => [name, description])) as Record<TargetType, string>),
});

const AuditSystemActor = builder.enumType('AuditSystemActor', {
  description: 'A process that changed the workspace on its own, with no member behind the change.',
  values: described(SYSTEM_ACTORS),
});

const AuditChange = builder.objectRef<Change>('AuditChange').implement({
  description: 'One field an audited change touched, as short text (a post or comment body as its first 80 characters; never secrets).',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The field, as the API names it (e.g. "status", "role", "scheduledAt").' }),
    before: t.exposeString('before', { nullable: true, description: 'Its value before the change; null when it was unset or did not exist.' }),
    after: t.exposeString('after', { nullable: true, description: 'Its value after the change; null when it was unset or is gone.' }),
  }),
});

/** One loader per request: the actors of a page of entries come in one statement. */
const actorLoaders = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, UserRow | null>(async (ids) => {
      // The password hash has no business in a page of the log.
      const users = (await ctx.prisma.user.findMany({ where: { id: { in: [...ids] } }, omit: { passwordHash: true } })) as UserRow[];
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** Only OWNERs and ADMINs of its workspace reach an entry (`node(id)` included). */
const readers = (viewerId: string | undefined) =>
  viewerId ? { workspace: { members: { some: { userId: viewerId, role: { in: [...PERMISSIONS.readAuditLog] } } } } } : { id: { in: [] } };

const AuditEntry = builder.prismaNode('AuditEntry', {
  nullable: true,
  extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
  id: { field: 'id' },
  description: "One change in a workspace: who made it, what it did to what, and the request that carried it. The workspace's OWNERs and ADMINs read them.",
  findUnique: (id, ctx) => ({ id, AND: [readers(viewerUserId(ctx))] }),
  fields: (t) => ({
    action: t.field({ type: AuditAction, resolve: (entry) => entry.action as Action }),
    actor: t.field({
      type: User,
      nullable: true,
      description: 'The member who made the change; null when a system process did (`systemActor`) or once their account was deleted.',
      resolve: (entry, _args, ctx) => (entry.actorId ? actorLoaders(ctx).load(entry.actorId) : null),
    }),
    systemActor: t.field({
      type: AuditSystemActor,
      nullable: true,
      description: 'The process that made the change when no member did; null for a member.',
      resolve: (entry) => entry.systemActor as keyof typeof SYSTEM_ACTORS | null,
    }),
    targetType: t.field({ type: AuditTargetType, resolve: (entry) => entry.targetType as TargetType }),
    targetId: t.id({
      description: 'The global ID of what was changed (fetch it with `node(id)`; it may be gone since).',
      resolve: (entry) => encodeGlobalID(AUDIT_TARGETS[entry.targetType as TargetType].typename, entry.targetId),
    }),
    changes: t.field({
      type: [AuditChange],
      description: 'The fields it changed, before and after; what was created has only `after`, what was deleted only `before`.',
      resolve: (entry) => entry.changes as unknown as Change[],
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The X-Request-Id of the request that made the change (for a worker's change, of the request that queued its job), as in the API's logs.",
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the change was committed.' }),
  }),
});

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  description: 'Which entries to list; every condition given must hold.',
  fields: (t) => ({
    actions: t.field({ type: [AuditAction], description: 'Only these actions.' }),
    targetTypes: t.field({ type: [AuditTargetType], description: 'Only changes to these kinds of things.' }),
    actorId: t.globalID({ for: User, description: "Only this member's changes." }),
    targetId: t.globalID({ description: 'Only changes to this post, comment, member (a User ID), invitation, LinkedIn account or workspace.' }),
    createdAfter: t.field({ type: 'DateTime', description: 'Only entries written after this time.' }),
    createdBefore: t.field({ type: 'DateTime', description: 'Only entries written before this time.' }),
  }),
});

const TARGET_TYPES = new Map<string, string>(Object.entries(AUDIT_TARGETS).map(([type, { typename }]) => [typename, type]));

const OLDEST_FIRST = AUDIT_ORDER.map((key) => Object.fromEntries(Object.keys(key).map((name) => [name, 'asc' as const])));

builder.prismaObjectField(Workspace, 'auditLog', (t) =>
  t.connection(
    {
      type: AuditEntry,
      description: 'Every change made in the workspace, newest first. OWNERs and ADMINs only; FORBIDDEN for other members.',
      extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
      args: { filter: t.arg({ type: AuditLogFilter }) },
      select: { id: true },
      authScopes: (workspace) => ({ workspacePermission: { workspaceId: workspace.id, action: 'readAuditLog' } }),
      resolve: async (workspace, { filter, ...args }, ctx) => {
        if (args.first != null && args.last != null) throw badField('last', 'give first (reading forward) or last (reading backward), not both');
        const targetType = filter?.targetId ? TARGET_TYPES.get(filter.targetId.typename) : undefined;
        if (filter?.targetId && !targetType) throw badField('filter.targetId', 'is not the ID of anything the audit log records');
        const where = auditWhere(workspace.id, {
          ...filter,
          actorId: filter?.actorId?.id,
          targetId: filter?.targetId?.id,
          targetTypes: targetType ? [targetType] : filter?.targetTypes,
        });
        // Decoded here so a forged cursor is BAD_USER_INPUT at its own argument, before any statement.
        const after = args.after ? decodeAuditCursor(args.after, 'after') : undefined;
        const before = args.before ? decodeAuditCursor(args.before, 'before') : undefined;
        const connection = await resolveCursorConnection(
          { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, toCursor: (entry: AuditEntryRow) => auditCursor(entry) },
          ({ limit, inverted }: ResolveCursorConnectionArgs): Promise<AuditEntryRow[]> =>
            ctx.prisma.auditEntry.findMany({
              where: { AND: [where, after ? olderThan(after) : {}, before ? newerThan(before) : {}] },
              orderBy: inverted ? OLDEST_FIRST : AUDIT_ORDER,
              take: limit,
            }),
        );
        if (!connection) return null;
        const { startCursor, endCursor } = connection.pageInfo;
        return {
          ...connection,
          pageInfo: { ...connection.pageInfo, startCursor: startCursor || null, endCursor: endCursor || null },
          totalCount: () => ctx.prisma.auditEntry.count({ where }),
        };
      },
    },
    {
      name: 'AuditEntryConnection',
      description: 'A page of audit log entries.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many entries match the filter in all, across every page.',
          resolve: (connection) => (connection as { totalCount?: () => Promise<number> }).totalCount?.() ?? 0,
        }),
      }),
    },
    { name: 'AuditEntryEdge', description: 'An audit log entry in a page, with the cursor that points at it.' },
  ),
);
