import { describe, expect, it } from 'vitest';
import {
  type Actor,
  assertAllowed,
  decide,
  type PostStatus,
  type WorkflowAction,
  type WorkspaceRole,
  workerTransition,
} from '../../src/modules/posts/post-workflow.rules.js';

const STATUSES: PostStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'ARCHIVED'];
const ROLES: WorkspaceRole[] = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'];
const MEMBER_ACTIONS = [
  'edit',
  'submitForReview',
  'approve',
  'requestChanges',
  'schedule',
  'unschedule',
  'publishNow',
  'archive',
  'unarchive',
  'delete',
] as const;
const WORKER_ACTIONS = ['publishStarted', 'publishRetried', 'publishSucceeded', 'publishFailed'] as const;

type Expected = PostStatus | 'GONE' | 'CONFLICT';
const _ = 'CONFLICT' as const;

/**
 * Where each action takes a post in each status, for an OWNER in a workspace without approval (for
 * edit: one that changes the content; for unarchive: of a post never published). Columns follow STATUSES.
 */
// biome-ignore format: a table reads best as a table
const BASE: Record<WorkflowAction, Expected[]> = {
  //               DRAFT          IN_REVIEW  APPROVED     SCHEDULED     PUBLISHING    PUBLISHED    FAILED        ARCHIVED
  edit:            ['DRAFT',      'DRAFT',   'DRAFT',     'SCHEDULED',  _,            'PUBLISHED', 'FAILED',     _],
  submitForReview: ['IN_REVIEW',  _,         _,           _,            _,            _,           'IN_REVIEW',  _],
  approve:         [_,            'APPROVED', _,          _,            _,            _,           _,            _],
  requestChanges:  [_,            'DRAFT',   'DRAFT',     _,            _,            _,           _,            _],
  schedule:        ['SCHEDULED',  _,         'SCHEDULED', 'SCHEDULED',  _,            _,           'SCHEDULED',  _],
  unschedule:      [_,            _,         _,           'DRAFT',      _,            _,           _,            _],
  publishNow:      ['PUBLISHING', _,         'PUBLISHING', 'PUBLISHING', _,           _,           'PUBLISHING', _],
  archive:         ['ARCHIVED',   'ARCHIVED', 'ARCHIVED', _,            _,            'ARCHIVED',  'ARCHIVED',   _],
  unarchive:       [_,            _,         _,           _,            _,            _,           _,            'DRAFT'],
  delete:          ['GONE',       'GONE',    'GONE',      'GONE',       _,            'GONE',      'GONE',       'GONE'],
  publishStarted:  [_,            _,         _,           'PUBLISHING', 'PUBLISHING', _,           _,            _],
  publishRetried:  [_,            _,         _,           _,            'PUBLISHING', _,           _,            _],
  publishSucceeded:[_,            _,         _,           _,            'PUBLISHED',  _,           _,            _],
  publishFailed:   [_,            _,         _,           _,            'FAILED',     _,           _,            _],
};

const base = (action: WorkflowAction, status: PostStatus): Expected => BASE[action][STATUSES.indexOf(status)] as Expected;

interface Case {
  status: PostStatus;
  action: WorkflowAction;
  actor: Actor;
  contentChanged: boolean;
  wasPublished: boolean;
}

/** The spec, case by case, on top of BASE: who may ask, the approval gate, and what edits and settings change. */
function expected({ status, action, actor, contentChanged, wasPublished }: Case): Expected | 'FORBIDDEN' {
  const isWorkerAction = (WORKER_ACTIONS as readonly string[]).includes(action);
  if (actor === 'WORKER') return isWorkerAction ? base(action, status) : 'FORBIDDEN';
  if (isWorkerAction || actor.role === 'VIEWER') return 'FORBIDDEN';
  if ((action === 'approve' || action === 'requestChanges') && actor.role === 'EDITOR') return 'FORBIDDEN';
  const to = base(action, status);
  if (to === 'CONFLICT') return to;
  if ((action === 'schedule' || action === 'publishNow') && actor.requiresApproval && actor.role === 'EDITOR' && !['APPROVED', 'SCHEDULED'].includes(status)) {
    return 'FORBIDDEN';
  }
  if (action === 'edit') {
    if (!contentChanged) return status;
    if (status === 'SCHEDULED' && actor.requiresApproval && actor.role === 'EDITOR') return 'DRAFT';
  }
  if (action === 'unschedule' && actor.requiresApproval) return 'APPROVED';
  if (action === 'unarchive' && wasPublished) return 'PUBLISHED';
  return to;
}

function* everyCase(): Generator<Case> {
  const actors: Actor[] = ['WORKER', ...ROLES.flatMap((role) => [false, true].map((requiresApproval) => ({ role, requiresApproval })))];
  for (const status of STATUSES)
    for (const action of [...MEMBER_ACTIONS, ...WORKER_ACTIONS])
      for (const actor of actors)
        for (const contentChanged of [false, true]) for (const wasPublished of [false, true]) yield { status, action, actor, contentChanged, wasPublished };
}

const outcome = (c: Case): Expected | 'FORBIDDEN' => {
  const decision = decide(c);
  if (!decision.allowed) return decision.code;
  return decision.to ?? 'GONE';
};

describe('post workflow rules', () => {
  it('decides every status × action × role × approval setting × edit kind as specified', () => {
    const mismatches: string[] = [];
    let count = 0;
    for (const c of everyCase()) {
      count++;
      const want = expected(c);
      const got = outcome(c);
      if (got !== want) mismatches.push(`${JSON.stringify(c)}: expected ${want}, got ${got}`);
    }
    expect(count).toBe(8 * 14 * 9 * 2 * 2);
    expect(mismatches).toEqual([]);
  });

  it('lets an editor in an approval workspace take a post from draft to published only through review', () => {
    const editor = { role: 'EDITOR', requiresApproval: true } as const;
    const admin = { role: 'ADMIN', requiresApproval: true } as const;
    expect(decide({ status: 'DRAFT', action: 'schedule', actor: editor })).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
      message: 'This workspace requires approval: submit the post for review; once approved it can be scheduled.',
    });
    const steps: [PostStatus, WorkflowAction, Actor][] = [
      ['DRAFT', 'submitForReview', editor],
      ['IN_REVIEW', 'approve', admin],
      ['APPROVED', 'schedule', editor],
      ['SCHEDULED', 'publishStarted', 'WORKER'],
      ['PUBLISHING', 'publishSucceeded', 'WORKER'],
    ];
    expect(steps.map(([status, action, actor]) => assertAllowed({ status, action, actor }))).toEqual([
      'IN_REVIEW',
      'APPROVED',
      'SCHEDULED',
      'PUBLISHING',
      'PUBLISHED',
    ]);
  });

  it('refuses with typed errors that say why', () => {
    const owner = { role: 'OWNER', requiresApproval: false } as const;
    expect(() => assertAllowed({ status: 'PUBLISHED', action: 'schedule', actor: owner })).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'The post is published and cannot be scheduled; only a post that is a draft, approved, scheduled, failed to publish can.',
      }),
    );
    expect(() => assertAllowed({ status: 'IN_REVIEW', action: 'approve', actor: { role: 'EDITOR', requiresApproval: false } })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'EDITORs cannot ask for a post to be approved.' }),
    );
    expect(() => assertAllowed({ status: 'PUBLISHING', action: 'publishSucceeded', actor: owner })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it("gives the worker's conditional write for every worker action from every status: the status it matches and the one it writes", () => {
    const mismatches: string[] = [];
    for (const action of WORKER_ACTIONS) {
      for (const status of STATUSES) {
        const want = base(action, status);
        let got: string;
        try {
          const step = workerTransition(action, status);
          got = step.where.status === status ? step.status : `matches ${step.where.status}`;
        } catch (error) {
          got = (error as { code?: string }).code ?? String(error);
        }
        if (got !== want) mismatches.push(`${action} from ${status}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
