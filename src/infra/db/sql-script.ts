import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Splits a SQL script into statements at top-level semicolons, respecting quotes, dollar-quoted
 * bodies (PL/pgSQL functions) and comments. @prisma/adapter-pg splits migration scripts on every
 * ";", which breaks any function body or comment containing one.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const rest = script.slice(i);
    if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
    } else if (rest.startsWith('/*')) {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 2;
    } else if (script[i] === "'" || script[i] === '"') {
      const quote = script[i]!;
      i++;
      while (i < script.length && !(script[i] === quote && script[i + 1] !== quote)) i += script[i] === quote ? 2 : 1;
      i++;
    } else if (script[i] === '$' && /^\$[A-Za-z_]*\$/.test(rest)) {
      const tag = /^\$[A-Za-z_]*\$/.exec(rest)![0];
      const end = script.indexOf(tag, i + tag.length);
      i = end === -1 ? script.length : end + tag.length;
    } else if (script[i] === ';') {
      statements.push(script.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim().length > 0);
}

function splittingScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    for (const sql of splitSqlStatements(script)) await adapter.executeRaw({ sql, args: [], argTypes: [] });
  };
  return adapter;
}

/** The same driver adapter factory, executing migration scripts statement by statement, correctly split. */
export function withSqlScriptSplitting(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => splittingScripts(await factory.connect()),
    connectToShadowDb: async () => splittingScripts(await factory.connectToShadowDb()),
  };
}
