import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder, requireActor } from '../../graphql/builder.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOn, answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { Post } from '../posts/post.schema.js';
import { LinkedInAccount } from '../publishing/linkedin-account.schema.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { MAX_CALENDAR_DAYS } from './calendar.rules.js';
import { MAX_SLOTS, storedSlots } from './posting-schedule.rules.js';
import type { WeeklySlot } from './queue-slots.rules.js';

const PostingSlot = builder.objectRef<WeeklySlot>('PostingSlot').implement({
  description: "A weekly posting time: a weekday and a local time in the schedule's time zone.",
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 Monday … 7 Sunday.' }),
    time: t.exposeString('time', { description: 'Local time "HH:MM" (24-hour) in the schedule\'s time zone.' }),
  }),
});

const PostingSlotInput = builder.inputType('PostingSlotInput', {
  description: 'A weekly posting time.',
  fields: (t) => ({
    weekday: t.int({ required: true, description: 'ISO weekday: 1 Monday … 7 Sunday.' }),
    time: t.string({ required: true, description: 'Local time "HH:MM" (24-hour), 00:00 to 23:59.' }),
  }),
});

const PostingScheduleInput = builder.inputType('PostingScheduleInput', {
  description: 'When a workspace posts with one LinkedIn account.',
  fields: (t) => ({
    timeZone: t.string({ required: true, description: 'IANA time zone the times are read in, e.g. "Europe/Berlin"; DST is followed.' }),
    slots: t.field({
      type: [PostingSlotInput],
      required: true,
      description: `The weekly slots, at most ${MAX_SLOTS}; duplicates count once. Empty: nothing can be queued with the account.`,
    }),
  }),
});

const PostingSchedule = builder.prismaObject('PostingSchedule', {
  description:
    'When a workspace posts with one LinkedIn account: weekly local times in a time zone. `addToQueue` schedules a post into its next free slot. ' +
    'A time the clocks skip on a spring-forward night is taken when they jump; a time a fall-back night has twice, at its first occurrence.',
  fields: (t) => ({
    account: t.globalID({
      description: 'The LinkedIn account (a `LinkedInAccount` ID) the schedule is for.',
      resolve: (schedule) => ({ type: LinkedInAccount.name, id: schedule.linkedInAccountId }),
    }),
    accountName: t.string({
      description: "The LinkedIn account's name, as LinkedIn gave it.",
      select: { linkedInAccount: { select: { name: true } } },
      resolve: (schedule) => schedule.linkedInAccount.name,
    }),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone, e.g. "Europe/Berlin".' }),
    slots: t.field({
      type: [PostingSlot],
      description: 'The weekly slots, by weekday and time.',
      select: { slots: true },
      resolve: (schedule) => storedSlots(schedule.slots),
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last set.' }),
  }),
});

const CalendarDay = builder.objectRef<{ date: string; posts: object[] }>('CalendarDay').implement({
  description: 'One local day of the content calendar and the posts on it.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'The day, "YYYY-MM-DD", in the time zone the calendar was asked for.' }),
    posts: t.field({
      type: [Post],
      description: 'Its posts in time order: SCHEDULED and PUBLISHING ones at their scheduled time, PUBLISHED ones when they went out.',
      resolve: (day) => day.posts as never,
    }),
  }),
});

builder.prismaObjectField(Workspace, 'postingSchedules', (t) =>
  t.relation('postingSchedules', {
    description: "The workspace's posting schedules, one per LinkedIn account that has one.",
    query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  }),
);

builder.queryField('calendar', (t) =>
  t.field({
    type: [CalendarDay],
    description:
      `The content calendar: the workspace's SCHEDULED, PUBLISHING and PUBLISHED posts within [from, to) (at most ${MAX_CALENDAR_DAYS} days), ` +
      'grouped by local day in `timeZone`; only days with posts, in order. Members only; BAD_USER_INPUT for an unknown zone or a reversed or too long window.',
    extensions: { cache: { ttlMs: MINUTE } satisfies CachePolicy },
    args: {
      workspaceId: t.arg.globalID({ for: Workspace, required: true, description: 'The workspace.' }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the window (included).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End of the window (excluded).' }),
      timeZone: t.arg.string({ required: true, description: 'IANA time zone the days are read in, e.g. "America/New_York".' }),
    },
    authScopes: (_root, args) => ({ workspacePermission: { workspaceId: args.workspaceId.id, action: 'readPosts' } }),
    resolve: (_root, { workspaceId, from, to, timeZone }, ctx, info) => {
      // Members only, and any change to one of the workspace's posts evicts it (post-cache.rules.ts).
      answerDependsOnViewer(ctx);
      answerDependsOn(ctx, { typename: 'Workspace', id: workspaceId.id });
      const query = queryFromInfo({ context: ctx, info, typeName: 'Post', path: ['posts'] });
      return ctx.services.calendar.calendar(workspaceId.id, { from, to, timeZone }, query);
    },
  }),
);

builder.mutationField('setPostingSchedule', (t) =>
  t.prismaField({
    type: PostingSchedule,
    description:
      "Sets (or replaces) when the workspace posts with a LinkedIn account (the workspace's or one of its members'). OWNERs and ADMINs (manageQueue). " +
      'Posts already queued keep their times. BAD_USER_INPUT for an unknown zone, a bad slot (`input.slots.2.time`) or an account outside the workspace.',
    args: {
      workspaceId: t.arg.globalID({ for: Workspace, required: true, description: 'The workspace.' }),
      accountId: t.arg.globalID({ for: LinkedInAccount, required: true, description: 'The LinkedIn account the schedule is for.' }),
      input: t.arg({ type: PostingScheduleInput, required: true }),
    },
    authScopes: (_root, args) => ({ workspacePermission: { workspaceId: args.workspaceId.id, action: 'manageQueue' } }),
    resolve: (query, _root, { workspaceId, accountId, input }, ctx) =>
      ctx.services.postingSchedules.set(workspaceId.id, accountId.id, input, requireActor(ctx), query),
  }),
);
