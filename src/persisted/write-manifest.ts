/**
 * `npm run persisted:manifest [-- --out <file>]`: hashes every operation in test/operations/*.graphql
 * (the clients' operations) into the manifest PERSISTED_OPERATIONS_MANIFEST points at.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestOf, persistedOperations } from './manifest.js';

const root = new URL('../../', import.meta.url).pathname;
const operationsDir = join(root, 'test/operations');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1]! : join(root, 'persisted-operations.json');

const files = (await readdir(operationsDir)).filter((f) => f.endsWith('.graphql')).sort();
const operations = persistedOperations(await Promise.all(files.map((f) => readFile(join(operationsDir, f), 'utf8'))));
await writeFile(out, `${JSON.stringify(manifestOf(operations), null, 2)}\n`);
console.log(`wrote ${operations.length} operations to ${out}`);
