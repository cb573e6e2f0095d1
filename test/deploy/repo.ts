import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const repoPath = (...parts: string[]) => path.join(repoRoot, ...parts);

export const readRepoFile = (relative: string) => readFileSync(repoPath(relative), 'utf8');

/** Parses one YAML file of the repository; `<<` merge keys are resolved as docker compose does. */
export function readYaml<T = unknown>(relative: string): T {
  return parse(readRepoFile(relative), { merge: true }) as T;
}

export function readYamlDocuments(relative: string): unknown[] {
  return parseAllDocuments(readRepoFile(relative)).map((doc) => {
    if (doc.errors.length) throw new Error(`${relative}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

export const existsInRepo = (relative: string) => existsSync(repoPath(relative));
