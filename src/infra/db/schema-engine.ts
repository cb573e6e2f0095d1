import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { withSqlScriptSplitting } from './sql-script.js';

export type SchemaEngine = bindings.SchemaEngine;

/**
 * Kept on globalThis, not in module scope: a test runner may load this module more than once in
 * one process while the WASM bindings module stays shared, and a second instantiation would swap
 * the memory under an engine that is still running.
 */
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for('linkedin-posts-api.schema-engine')] ??= {
  instantiated: undefined,
  queue: Promise.resolve(),
}) as { instantiated?: Promise<void>; queue: Promise<unknown> };

/**
 * Prisma's schema engine compiled to WebAssembly: migrations without the native engine binary
 * (which the CLI would download). The package's entry imports the .wasm as an ES module, which
 * Node 20 only allows behind a flag, so it is instantiated by hand here.
 */
function instantiate(): Promise<void> {
  shared.instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = join(dirname(bindingsPath), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return shared.instantiated;
}

/**
 * Runs `work` with a schema engine for `datamodel` on the database behind `adapterFactory`.
 * One engine at a time per process: the WebAssembly instance is shared, and two engines driving
 * it concurrently corrupt each other's memory.
 */
export function withSchemaEngine<T>(
  datamodel: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const run = shared.queue.then(async () => {
    await instantiate();
    const engine = await bindings.SchemaEngine.new(
      { datamodels: [['schema.prisma', datamodel]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(withSqlScriptSplitting(adapterFactory)),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  });
  shared.queue = run.catch(() => {});
  return run;
}
