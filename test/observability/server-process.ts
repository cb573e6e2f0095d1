import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  /** Every stdout line, parsed as JSON when it is JSON (production logs are). */
  lines: Record<string, any>[];
  stderr(): string;
  /** Resolves with the first log line matching `predicate` (or rejects when the process exits first). */
  waitForLine(predicate: (line: Record<string, any>) => boolean): Promise<Record<string, any>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether it has neither exited nor been ended by a signal. */
  running(): boolean;
  kill(signal: NodeJS.Signals): void;
}

/**
 * A real entry point (the API server, or `src/worker.ts`), as a deployment runs it, with only `env`
 * as its environment.
 */
export function startServerProcess(env: Record<string, string>, entry: 'src/index.ts' | 'src/worker.ts' = 'src/index.ts'): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  let stderr = '';
  let pending = '';
  const waiters: { predicate: (line: Record<string, any>) => boolean; resolve: (line: Record<string, any>) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const text of complete.filter(Boolean)) {
      let line: Record<string, any>;
      try {
        line = JSON.parse(text) as Record<string, any>;
      } catch {
        line = { text };
      }
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.predicate(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    lines,
    stderr: () => stderr,
    waitForLine(predicate) {
      const found = lines.find(predicate);
      if (found) return Promise.resolve(found);
      return Promise.race([
        new Promise<Record<string, any>>((resolve) => waiters.push({ predicate, resolve })),
        exited.then(({ code }) => Promise.reject(new Error(`server exited (${code}) before the expected log line:\n${stderr}`))),
      ]);
    },
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    kill: (signal) => void child.kill(signal),
  };
}
