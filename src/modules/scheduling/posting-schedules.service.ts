import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { AppError, badField, badInput } from '../../shared/errors.js';
import { postGlobalId } from '../../shared/global-id.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
import { checkSchedule, storedSlots } from './posting-schedule.rules.js';
import { isSlotInstant, type PostingSchedule, type WeeklySlot } from './queue-slots.rules.js';

export type ScheduleQuery = { include?: Prisma.PostingScheduleInclude; select?: Prisma.PostingScheduleSelect };

/**
 * The schedule of the account in the workspace, its row locked until the transaction ends: whoever
 * picks a slot from it next waits, then sees the slot this transaction took. Null when there is none.
 */
export async function lockSchedule(tx: Prisma.TransactionClient, workspaceId: string, accountId: string): Promise<PostingSchedule | null> {
  const [row] = await tx.$queryRaw<{ timeZone: string; slots: unknown }[]>`
    SELECT time_zone AS "timeZone", slots FROM posting_schedules
    WHERE workspace_id = ${workspaceId}::uuid AND linkedin_account_id = ${accountId}::uuid FOR UPDATE`;
  if (!row) return null;
  const slots = typeof row.slots === 'string' ? (JSON.parse(row.slots) as unknown) : row.slots;
  return { timeZone: row.timeZone, slots: storedSlots(slots) };
}

/** A post moving to a time. */
export interface SlotMove {
  postId: string;
  at: Date;
}

/**
 * Keeps every slot of the account's queue to one scheduled post, with the schedule's row locked until
 * the transaction ends as addToQueue locks it: of two requests for a slot, the second sees what the
 * first took. Answers the first of `moves` whose time is one of the schedule's slots and held by another
 * SCHEDULED post of the account (or taken by an earlier move), with that post; null when all are free.
 * Times that are no slot, and accounts without a schedule, take any number of posts.
 */
export async function slotClash(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  accountId: string,
  moves: readonly SlotMove[],
): Promise<{ index: number; at: Date; holderId: string } | null> {
  const schedule = await lockSchedule(tx, workspaceId, accountId);
  if (!schedule?.slots.length) return null;
  const slotMoves = moves.map((move, index) => ({ ...move, index })).filter((move) => isSlotInstant(schedule, move.at));
  if (!slotMoves.length) return null;
  // Read after the lock, like addToQueue's free slots; the moving posts leave the times they hold.
  const held = await tx.post.findMany({
    where: {
      linkedInAccountId: accountId,
      status: 'SCHEDULED',
      scheduledAt: { in: slotMoves.map((move) => move.at) },
      id: { notIn: moves.map((move) => move.postId) },
    },
    select: { id: true, scheduledAt: true },
  });
  const holders = new Map(held.map((post) => [post.scheduledAt?.getTime(), post.id]));
  for (const { index, at, postId } of slotMoves) {
    const holderId = holders.get(at.getTime());
    if (holderId) return { index, at, holderId };
    holders.set(at.getTime(), postId);
  }
  return null;
}

/** CONFLICT naming the post (`extensions.takenBy`, its global ID) that holds the queue slot at `at`. */
export function slotTaken({ at, holderId }: { at: Date; holderId: string }): AppError {
  const takenBy = postGlobalId(holderId);
  return new AppError('CONFLICT', `The queue slot at ${at.toISOString()} is taken by post ${takenBy}: pick another time, or move that post first.`, {
    takenBy,
  });
}

/** What the audit log shows of a schedule: its zone, and its slots as "weekday HH:MM". */
const audited = (schedule: PostingSchedule) => ({ timeZone: schedule.timeZone, slots: schedule.slots.map((slot) => `${slot.weekday} ${slot.time}`) });

/** Posting schedules: when each workspace posts with each of its LinkedIn accounts. */
export function createPostingScheduleService(prisma: PrismaClient, cache?: ResponseCacheInvalidator) {
  return {
    /**
     * Sets (or replaces) the schedule of `accountId`, a LinkedIn account connected to the workspace.
     * Posts already queued keep their times.
     */
    async set(
      workspaceId: string,
      accountId: string,
      input: { timeZone: string; slots: readonly WeeklySlot[] },
      actor: MemberActor,
      query: ScheduleQuery = {},
    ) {
      const { schedule, problems } = checkSchedule(input, 'input');
      if (problems.length) throw badInput(problems);
      const account = await prisma.linkedInAccount.findFirst({
        where: { id: accountId, workspaceId },
        select: { id: true },
      });
      if (!account) throw badField('accountId', 'No LinkedIn account connected to this workspace has this ID.');
      const data = { timeZone: schedule.timeZone, slots: schedule.slots.map((slot) => ({ ...slot })) };
      const saved = await prisma.$transaction(async (tx) => {
        const previous = await lockSchedule(tx, workspaceId, accountId);
        const written = await tx.postingSchedule.upsert({
          ...query,
          where: { workspaceId_linkedInAccountId: { workspaceId, linkedInAccountId: accountId } },
          create: { workspaceId, linkedInAccountId: accountId, ...data },
          update: data,
        });
        const changes = previous ? changedFields(audited(previous), audited(schedule)) : snapshot('after', audited(schedule));
        if (changes.length) {
          await recordAudit(tx, actor, { workspaceId, action: 'POSTING_SCHEDULE_SET', target: { type: 'LINKEDIN_ACCOUNT', id: accountId }, changes });
        }
        return written;
      });
      await cache?.invalidate([{ typename: 'Workspace', id: workspaceId }]);
      return saved;
    },
  };
}
