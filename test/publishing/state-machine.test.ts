import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, nextStatuses, type PostStatus } from '../../src/modules/publishing/state-machine.js';

const ALL: PostStatus[] = ['DRAFT', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'ARCHIVED'];
const ALLOWED: [PostStatus, PostStatus][] = [
  ['DRAFT', 'SCHEDULED'],
  ['DRAFT', 'PUBLISHING'],
  ['DRAFT', 'ARCHIVED'],
  ['SCHEDULED', 'PUBLISHING'],
  ['SCHEDULED', 'DRAFT'],
  ['PUBLISHING', 'PUBLISHED'],
  ['PUBLISHING', 'FAILED'],
  ['PUBLISHED', 'ARCHIVED'],
  ['FAILED', 'SCHEDULED'],
  ['FAILED', 'PUBLISHING'],
  ['FAILED', 'ARCHIVED'],
  ['ARCHIVED', 'DRAFT'],
  ['ARCHIVED', 'PUBLISHED'],
];

describe('post publishing state machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
      }
    }
  });

  it('throws CONFLICT naming the way forward on an illegal transition', () => {
    expect(() => assertTransition('PUBLISHED', 'DRAFT')).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'The post is published and cannot move to DRAFT. From PUBLISHED it can go to ARCHIVED.',
      }),
    );
    expect(() => assertTransition('PUBLISHING', 'PUBLISHING')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => assertTransition('ARCHIVED', 'SCHEDULED')).toThrow(
      'The post is archived and cannot move to SCHEDULED. From ARCHIVED it can go to DRAFT, PUBLISHED.',
    );
  });

  it('lists the next statuses', () => {
    expect(nextStatuses('SCHEDULED')).toEqual(['PUBLISHING', 'DRAFT']);
  });
});
