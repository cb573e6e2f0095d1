import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from '../../src/infra/db/sql-script.js';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons only', () => {
    const script = `
      -- a comment; with a semicolon
      CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine');
      /* block; comment */
      CREATE FUNCTION f() RETURNS trigger AS $$
      BEGIN NEW.x := 'y'; RETURN NEW; END
      $$ LANGUAGE plpgsql;
      SELECT $tag$ ; $tag$;
      SELECT 1`;
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(4);
    expect(statements[0]).toContain(`CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine')`);
    expect(statements[1]).toMatch(/^\/\* block; comment \*\/\s+CREATE FUNCTION f\(\)[\s\S]*LANGUAGE plpgsql$/);
    expect(statements[2]).toBe('SELECT $tag$ ; $tag$');
    expect(statements[3]).toBe('SELECT 1');
  });

  it('drops statements that are only comments or whitespace', () => {
    expect(splitSqlStatements('-- nothing here;\n  ;  ')).toEqual([]);
  });
});
