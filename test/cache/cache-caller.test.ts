import { describe, expect, it } from 'vitest';
import { type CacheCaller, servesCaller, servesCallerNow } from '../../src/response-cache/cache-caller.js';
import { type CachedResponse, decodeCachedResponse, encodeCachedResponse } from '../../src/response-cache/cached-response.js';

const entry = (marks: Partial<CachedResponse> = {}): CachedResponse => ({ body: '{"data":{}}', entities: ['Post:1'], expiresAt: 1_000, ...marks });

/** A caller whose memberships are known (or not yet), counting how often they are asked for. */
function callerOf(session: string | null, workspaces: string[] | undefined, loaded: string[] = workspaces ?? []) {
  const asked = { known: 0, loaded: 0 };
  const caller: CacheCaller = {
    session,
    knownWorkspaces: () => (asked.known++, workspaces && new Set(workspaces)),
    workspaces: async () => (asked.loaded++, new Set(loaded)),
  };
  return { caller, asked };
}

describe('whom a cached answer is served to', () => {
  it('never asks for memberships for an entry that excepts no workspace', async () => {
    const { caller, asked } = callerOf('user:a', undefined);
    expect(servesCallerNow(entry(), caller)).toBe(true);
    expect(await servesCaller(entry({ except: ['user:b'] }), caller)).toBe(true);
    expect(asked).toEqual({ known: 0, loaded: 0 });
  });

  it('refuses an excepted session before looking at memberships', () => {
    const { caller, asked } = callerOf('user:a', undefined);
    expect(servesCallerNow(entry({ except: ['user:a'], exceptMembersOf: ['w1'] }), caller)).toBe(false);
    expect(asked.known).toBe(0);
  });

  it('serves an entry excepting workspaces only to callers who belong to none of them', async () => {
    const marked = entry({ exceptMembersOf: ['w1', 'w2'] });
    expect(servesCallerNow(marked, callerOf('user:a', ['w3']).caller)).toBe(true);
    expect(servesCallerNow(marked, callerOf('user:a', ['w3', 'w2']).caller)).toBe(false);
    expect(servesCallerNow(marked, callerOf(null, []).caller)).toBe(true);
    // Not known yet: undecided synchronously, decided once loaded.
    const unknown = callerOf('user:a', undefined, ['w1']);
    expect(servesCallerNow(marked, unknown.caller)).toBeUndefined();
    expect(await servesCaller(marked, unknown.caller)).toBe(false);
    expect(unknown.asked.loaded).toBe(1);
    expect(await servesCaller(marked, callerOf('user:b', undefined, []).caller)).toBe(true);
  });
});

describe("a cached answer's Redis value", () => {
  it('keeps the excepted sessions and workspaces, and a body with every character', () => {
    const full = entry({ except: ['user:a', 'user:b'], exceptMembersOf: ['w1', 'w2'], staleSince: 500, body: '{"data":{"text":"a\\nb"}}' });
    expect(decodeCachedResponse(encodeCachedResponse(full))).toEqual(full);
    expect(decodeCachedResponse(encodeCachedResponse(entry()))).toEqual(entry());
    expect(decodeCachedResponse(encodeCachedResponse(entry({ exceptMembersOf: ['w1'] })))).toEqual(entry({ exceptMembersOf: ['w1'] }));
  });

  it('refuses a value without its header lines rather than misreading it', () => {
    expect(decodeCachedResponse('1000\n\nPost:1\n')).toBeUndefined();
    expect(decodeCachedResponse('soon\n\n\n\n\n{}')).toBeUndefined();
  });
});
