import type { Post, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { AppError, badField, badInput, conflict, type FieldProblem, isAppError } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { AuditAction } from '../audit/audit-actions.rules.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../posts/post.rules.js';
import type { PostQuery } from '../posts/post.service.js';
import type { Member, PostStatus } from '../posts/post-workflow.rules.js';
import { lockSchedule, type SlotMove, slotClash, slotTaken } from '../scheduling/posting-schedules.service.js';
import { nextFreeSlot } from '../scheduling/queue-slots.rules.js';
import { lockAsSeen } from './post-lock.js';

/** A transition decided on the post as read: what it writes, the jobs it adds and removes, and how the audit log names it. */
export interface Transition {
  action: AuditAction;
  data: Prisma.PostUncheckedUpdateInput;
  jobs(): Promise<void>;
}

/** A transition decided inside the transaction, before the post is locked (it may lock what others lock first, a schedule). */
export type DeferredTransition = (tx: Prisma.TransactionClient) => Promise<Transition>;

/** The most posts one reschedulePosts call moves. */
export const MAX_BULK_RESCHEDULE = 50;

/** A time a post may be scheduled at: in the future, at most a year ahead. */
export function checkTime(at: Date, now: Date, path: string) {
  if (at.getTime() <= now.getTime()) throw badField(path, 'must be in the future');
  if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw badField(path, 'must be at most a year ahead');
}

interface Prepared {
  id: string;
  workspaceId: string;
  version: number;
  publishAttemptCount: number;
  scheduledAt: Date | null;
}

interface Target {
  actor: MemberActor;
  member?: Member;
  accountId?: string;
  expectedVersion?: number | null;
}

export interface QueueingDeps<P extends Prepared, A> {
  prisma: PrismaClient;
  onStatusChange: (post: Post) => Promise<void> | void;
  prepare(
    id: string,
    action: 'schedule',
    target: Target,
    allowedFrom?: PostStatus[],
    keepAccount?: boolean,
  ): Promise<{ post: P; account: { id: string; name: string } }>;
  commit(seen: P, decided: Transition | DeferredTransition, actor: MemberActor, query: PostQuery): Promise<A>;
  runData(post: P, account: { id: string }, scheduledAt: Date): Prisma.PostUncheckedUpdateInput;
  scheduledJobs(post: Pick<Prepared, 'id' | 'publishAttemptCount' | 'scheduledAt'>, at: Date, requestId: string | null): () => Promise<void>;
}

/** An error about one item of a bulk call, its paths moved under `changes.<index>`. */
function itemError(error: unknown, index: number): unknown {
  if (!isAppError(error)) return error;
  const base = `changes.${index}`;
  if (error.code === 'BAD_USER_INPUT') {
    const fields = (error.extensions.fields as FieldProblem[] | undefined) ?? [];
    return badInput(fields.map((field) => ({ path: `${base}.${field.path === 'at' ? 'at' : 'id'}`, message: field.message })));
  }
  return new AppError(error.code, `${base}: ${error.message}`, { ...error.extensions, path: base });
}

/** The selection Pothos planned, with the id the answers are matched by. */
const withId = (query: PostQuery): PostQuery => (query.select ? { ...query, select: { ...query.select, id: true } } : query);

/** The moves of a bulk reschedule by the queue they land in: "workspaceId accountId". */
function movesByQueue(prepared: readonly { post: Prepared; account: { id: string }; at: Date }[]): Map<string, SlotMove[]> {
  const queues = new Map<string, SlotMove[]>();
  for (const { post, account, at } of prepared) {
    const key = `${post.workspaceId} ${account.id}`;
    queues.set(key, [...(queues.get(key) ?? []), { postId: post.id, at }]);
  }
  return queues;
}

/** Shuffles in place (Fisher–Yates). */
function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * The posting queue: a post into the next free slot of its account's schedule, a queue shuffled, many
 * posts moved at once. Slots are chosen with the schedule's row locked, so concurrent calls queue one
 * after another and never share a slot; every change takes the same exactly-once path as schedulePost
 * (a delayed job per post and time, claimed only while the post is still SCHEDULED for that time).
 */
export function createQueueing<P extends Prepared, A>({ prisma, onStatusChange, prepare, commit, runData, scheduledJobs }: QueueingDeps<P, A>) {
  return {
    /**
     * Schedules the post into the first free slot after `after` (default now) of the schedule its
     * account has in the post's workspace. The same checks as schedule run first.
     */
    async addToQueue(id: string, target: Target, query: PostQuery = {}, after?: Date | null) {
      const now = new Date();
      if (after) checkTime(after, now, 'after');
      const { post, account } = await prepare(id, 'schedule', target);
      return commit(
        post,
        async (tx) => {
          const schedule = await lockSchedule(tx, post.workspaceId, account.id);
          if (!schedule?.slots.length) {
            throw badField('accountId', `${account.name} has no posting slots in this workspace: set them with setPostingSchedule.`);
          }
          // Read after the lock: the slots taken by whoever held it are committed and seen here.
          const from = new Date(Math.max(Date.now(), after?.getTime() ?? 0));
          const taken = await tx.post.findMany({
            where: { linkedInAccountId: account.id, status: 'SCHEDULED', scheduledAt: { gt: from }, id: { not: id } },
            select: { scheduledAt: true },
          });
          const at = nextFreeSlot(
            schedule,
            from,
            taken.flatMap((row) => row.scheduledAt ?? []),
          );
          if (!at || at.getTime() - Date.now() > MAX_SCHEDULE_AHEAD_MS) {
            throw conflict('Every slot of this schedule is taken for the coming year: add slots, or move posts out of the queue.');
          }
          return { action: 'POST_QUEUED', data: runData(post, account, at), jobs: scheduledJobs(post, at, target.actor.requestId) };
        },
        target.actor,
        query,
      );
    },

    /**
     * Permutes the times of the account's queued posts in the workspace (SCHEDULED, not yet due) at
     * random: the same slots stay taken, by other posts. Answers them in their new time order.
     */
    async shuffleQueue(workspaceId: string, accountId: string, actor: MemberActor, query: PostQuery = {}, random: () => number = Math.random) {
      const moved = await prisma.$transaction(async (tx) => {
        await lockSchedule(tx, workspaceId, accountId);
        const rows = await tx.$queryRaw<{ id: string; scheduledAt: Date; publishAttemptCount: number }[]>`
          SELECT id, scheduled_at AS "scheduledAt", publish_attempt_count AS "publishAttemptCount" FROM posts
          WHERE workspace_id = ${workspaceId}::uuid AND linkedin_account_id = ${accountId}::uuid
            AND status = 'SCHEDULED' AND scheduled_at > now()
          ORDER BY id FOR NO KEY UPDATE`;
        const times = shuffled(
          rows.map((row) => row.scheduledAt),
          random,
        );
        const updated: Post[] = [];
        for (const [i, row] of rows.entries()) {
          const at = times[i] as Date;
          if (at.getTime() === row.scheduledAt.getTime()) continue;
          updated.push(await tx.post.update({ where: { id: row.id }, data: { scheduledAt: at, version: { increment: 1 } } }));
          await scheduledJobs(row, at, actor.requestId)();
        }
        const changes = snapshot('after', { movedPosts: updated.length });
        await recordAudit(tx, actor, { workspaceId, action: 'QUEUE_SHUFFLED', target: { type: 'LINKEDIN_ACCOUNT', id: accountId }, changes });
        return { ids: rows.map((row) => row.id), updated };
      });
      for (const post of moved.updated) await onStatusChange(post);
      return prisma.post.findMany({ ...withId(query), where: { id: { in: moved.ids } }, orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }] });
    },

    /**
     * Moves SCHEDULED posts to new times, all or none: every item is checked first (an error names
     * its item, `changes.2.at`), then all move in one transaction, each at the version it was read at.
     */
    async reschedulePosts(changes: readonly { id: string; at: Date; expectedVersion?: number | null }[], actor: MemberActor, query: PostQuery = {}) {
      const now = new Date();
      if (changes.length > MAX_BULK_RESCHEDULE) throw badField('changes', `at most ${MAX_BULK_RESCHEDULE} posts at once`);
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      changes.forEach(({ id, at }, i) => {
        if (seen.has(id)) problems.push({ path: `changes.${i}.id`, message: 'the same post twice' });
        seen.add(id);
        try {
          checkTime(at, now, 'at');
        } catch (error) {
          problems.push(...(((itemError(error, i) as AppError).extensions.fields as FieldProblem[] | undefined) ?? []));
        }
      });
      if (problems.length) throw badInput(problems);
      const prepared: { post: P; account: { id: string }; at: Date }[] = [];
      for (const [i, change] of changes.entries()) {
        try {
          const { post, account } = await prepare(change.id, 'schedule', { actor, expectedVersion: change.expectedVersion }, ['SCHEDULED'], true);
          prepared.push({ post, account, at: change.at });
        } catch (error) {
          throw itemError(error, i);
        }
      }
      const updated = await prisma.$transaction(async (tx) => {
        // Schedules before posts, each in one order, as addToQueue and shuffleQueue lock them.
        for (const [key, moves] of [...movesByQueue(prepared)].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const [workspaceId, accountId] = key.split(' ') as [string, string];
          const clash = await slotClash(tx, workspaceId, accountId, moves);
          if (clash)
            throw itemError(
              slotTaken(clash),
              changes.findIndex((c) => c.id === moves[clash.index]?.postId),
            );
        }
        const byId = [...prepared].sort((a, b) => (a.post.id < b.post.id ? -1 : 1));
        const posts: Post[] = [];
        for (const { post, account, at } of byId) {
          try {
            await lockAsSeen(tx, post);
          } catch (error) {
            throw itemError(
              error,
              changes.findIndex((c) => c.id === post.id),
            );
          }
          const moved = await tx.post.update({ where: { id: post.id }, data: { ...runData(post, account, at), version: { increment: 1 } } });
          const moves = changedFields({ scheduledAt: post.scheduledAt }, { scheduledAt: moved.scheduledAt });
          await recordAudit(tx, actor, { workspaceId: post.workspaceId, action: 'POST_RESCHEDULED', target: { type: 'POST', id: post.id }, changes: moves });
          posts.push(moved);
          await scheduledJobs(post, at, actor.requestId)();
        }
        return posts;
      });
      for (const post of updated) await onStatusChange(post);
      const answers = await prisma.post.findMany({ ...withId(query), where: { id: { in: changes.map((c) => c.id) } } });
      const byId = new Map(answers.map((post) => [post.id, post]));
      return changes.flatMap((change) => byId.get(change.id) ?? []);
    },
  };
}
