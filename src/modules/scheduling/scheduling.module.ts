import type { Module, ModuleDeps } from '../module.types.js';
import { createCalendarService } from './calendar.service.js';
import { createPostingScheduleService } from './posting-schedules.service.js';

/** The content calendar and the posting schedules the queue fills (the queue itself is publishing's). */
export function createSchedulingModule({ db, cache }: ModuleDeps) {
  return {
    services: { calendar: createCalendarService(db.prisma), postingSchedules: createPostingScheduleService(db.prisma, cache) },
  } satisfies Module<object>;
}
