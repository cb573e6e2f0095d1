import { describe, expect, it } from 'vitest';
import { createStatementNamer } from '../../src/infra/db/statement-names.js';

describe('prepared statement names', () => {
  it('names each SQL text once, the same way every time', () => {
    const name = createStatementNamer(10);
    const first = name({ sql: 'SELECT 1' });
    expect(first).toMatch(/^lpa_/);
    expect(name({ sql: 'SELECT 1' })).toBe(first);
    expect(name({ sql: 'SELECT 2' })).not.toBe(first);
  });

  it('stops naming new texts at its bound, so one-off SQL runs unprepared', () => {
    const name = createStatementNamer(2);
    const a = name({ sql: 'a' });
    name({ sql: 'b' });
    expect(name({ sql: 'c' })).toBeUndefined();
    expect(name({ sql: 'a' })).toBe(a);
  });
});
