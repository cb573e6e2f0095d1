import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { badField, badInput } from '../../shared/errors.js';
import { calendarProblems, groupByLocalDay } from './calendar.rules.js';

type PostQuery = { include?: Prisma.PostInclude; select?: Prisma.PostSelect };

/** More posts than a calendar shows in one answer: ask for a shorter window. */
const MAX_CALENDAR_POSTS = 1000;

/** When a post is on the calendar: when it went out, or when it is due to. */
const instantOf = (post: { status: string; scheduledAt: Date | null; publishedAt: Date | null }) =>
  (post.status === 'PUBLISHED' ? post.publishedAt : post.scheduledAt) ?? new Date(0);

/** The content calendar: a workspace's scheduled and published posts by local day. */
export function createCalendarService(prisma: PrismaClient) {
  return {
    /**
     * The workspace's posts due (SCHEDULED, PUBLISHING) or published (PUBLISHED) within [from, to),
     * grouped by their local day in `timeZone`: one statement, with the selection `query` plans.
     */
    async calendar(workspaceId: string, window: { from: Date; to: Date; timeZone: string }, query: PostQuery = {}) {
      const { from, to, timeZone } = window;
      const problems = calendarProblems(from, to, timeZone);
      if (problems.length) throw badInput(problems);
      const within = { gte: from, lt: to };
      const selection = query.select ? { ...query, select: { ...query.select, status: true, scheduledAt: true, publishedAt: true } } : query;
      const posts = await prisma.post.findMany({
        ...selection,
        where: {
          workspaceId,
          OR: [
            { status: { in: ['SCHEDULED', 'PUBLISHING'] }, scheduledAt: within },
            { status: 'PUBLISHED', publishedAt: within },
          ],
        },
        orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
        take: MAX_CALENDAR_POSTS + 1,
      });
      if (posts.length > MAX_CALENDAR_POSTS) throw badField('to', `more than ${MAX_CALENDAR_POSTS} posts fall in the window: ask for a shorter one`);
      return groupByLocalDay(posts, instantOf, timeZone).map((day) => ({ date: day.date, posts: day.items }));
    },
  };
}
