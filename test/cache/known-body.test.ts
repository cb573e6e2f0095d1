import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withKnownBody } from '../../src/response-cache/known-body.js';

type Serialisable = { stringify: (value: unknown) => string };
/** What Yoga does with a result: its own stringify when it has one. */
const serialise = (result: object) => ((result as Partial<Serialisable>).stringify ?? JSON.stringify)(result);

describe('a result whose JSON is already known', () => {
  it('is sent as those bytes, and the property does not show in its JSON', () => {
    const result = withKnownBody({ data: { a: 1 } }, 'KNOWN');
    expect(serialise(result)).toBe('KNOWN');
    expect(JSON.stringify(result)).toBe('{"data":{"a":1}}');
  });

  it('is serialised afresh once a plugin replaced its data or extensions', () => {
    const result = withKnownBody({ data: { a: 1 } } as ExecutionResult, 'KNOWN');
    result.data = { a: 2 };
    expect(serialise(result)).toBe('{"data":{"a":2}}');
    const other = withKnownBody({ data: { a: 1 } } as ExecutionResult, 'KNOWN');
    other.extensions = { traced: true };
    expect(serialise(other)).toBe('{"data":{"a":1},"extensions":{"traced":true}}');
  });

  it('is serialised afresh when copied into a new result, and keeps an earlier serialiser for others', () => {
    const calls: unknown[] = [];
    const jit = { data: { a: 1 }, stringify: (value: unknown) => (calls.push(value), JSON.stringify(value)) };
    const result = withKnownBody(jit, 'KNOWN');
    const copy = { ...result, extensions: { x: 1 } };
    expect(serialise(copy)).toContain('"extensions":{"x":1}');
    expect((result as Serialisable).stringify(copy)).toContain('"x":1');
    expect(calls).toEqual([copy]);
  });
});
