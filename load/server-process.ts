import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { RssSampler } from './process-tree.js';

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  readonly rss: RssSampler;
  /** The last lines the process wrote to stderr, for diagnosing a failed start or crash. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Keeps the tail of a stream so a failed start can be explained without flooding the terminal. */
export function tail(child: ChildProcess, limit = 8000): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-limit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A process that cannot be spawned (binary missing) fails its readiness wait instead of crashing the run.
  child.on('error', (error) => keep(Buffer.from(`${error.message}\n`)));
  return () => text;
}

/**
 * A compiled API: the checkout it was compiled from (the server's working directory) and the directory tsc wrote
 * it to. The directory lies inside the checkout, so the server loads that checkout's own node_modules.
 */
export interface ApiBuild {
  root: string;
  dir: string;
}

/** Where the bench compiles a checkout's server: its own copy in `load/.cache/build`, so it never touches `dist/`. */
export const benchBuild = (root: string): ApiBuild => ({ root, dir: join(root, 'load/.cache/build') });

/** Compiles the server as production does (with the checkout's own `tsc`), so the bench measures JavaScript, not tsx's loader. */
export async function buildApi(build: ApiBuild): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(build.root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', build.dir, '--sourceMap', 'false'],
    {
      cwd: build.root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = tail(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`tsc failed in ${build.root} (${code}):\n${output()}`);
}

/**
 * Starts the compiled API (see `buildApi`) and resolves once /health/ready answers 200.
 * Pass `port` when the environment must name the server's own address (an OAuth redirect URI).
 */
export async function startApiServer(build: ApiBuild, env: Record<string, string>, port?: number): Promise<RunningServer> {
  port ??= await freePort();
  // Production's default METRICS_PORT is one fixed port: two benches on one machine (an A/B here, a full run in
  // another checkout) would fail each other's server starts on it.
  const metricsPort = env.METRICS_PORT ?? String(await freePort());
  // BENCH_SERVER_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(build.dir, 'src/index.js')], {
    cwd: build.root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...env,
      METRICS_PORT: metricsPort,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  // BENCH_SERVER_LOG=<file>: everything the server writes is appended there, for diagnosing a run.
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health/ready`, child, 300_000);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`API server did not become ready: ${(error as Error).message}\n${output()}`);
  }
  const rss = new RssSampler(child.pid!);
  return {
    url,
    pid: child.pid!,
    rss,
    output,
    exited: () => child.exitCode !== null,
    stop: async () => {
      rss.stop();
      await stopProcess(child);
    },
  };
}
