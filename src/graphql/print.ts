/** `npm run schema:print`: writes schema.graphql; `--check` fails when the file is out of date. */
import { readFile, writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { schema } from './schema.js';

const path = new URL('../../schema.graphql', import.meta.url);
const printed = `${printSchema(schema)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== printed) {
    console.error('schema.graphql is out of date: run `npm run schema:print`.');
    process.exit(1);
  }
  console.log('schema.graphql is current.');
} else {
  await writeFile(path, printed);
  console.log('wrote schema.graphql');
}
