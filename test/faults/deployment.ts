import type { ChildProcess } from 'node:child_process';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { freePort } from '../helpers/free-port.js';
import { createPostgresCluster, type PostgresCluster } from '../helpers/pg-cluster.js';
import { migrateDatabase } from '../helpers/postgres.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { type ServerProcess, startServerProcess } from '../observability/server-process.js';

/** One process of the deployment: an API instance or a worker. */
export interface Instance {
  name: string;
  /** Where /health/ready answers (and /graphql, for an API instance). */
  base: string;
  /** Where /metrics answers: METRICS_PORT (production serves it nowhere else). */
  metricsBase: string;
  process: ServerProcess;
}

export interface Deployment {
  cluster: PostgresCluster;
  fake: FakeOpenAI;
  apis: Instance[];
  /** The worker process now running (replaced by `restartWorker`). */
  worker: Instance;
  /** Every process started, the dead ones included: their logs are checked too. */
  all: Instance[];
  killRedis(): Promise<void>;
  restartRedis(): Promise<void>;
  /** Starts a new worker process (the old one must be gone) and resolves once it is ready. */
  restartWorker(): Promise<Instance>;
  close(): Promise<void>;
}

const SECRET_KEY = 'a-production-secret-for-the-fault-suite-0123456789';

/**
 * What the fault suite runs on, all of its own: a PostgreSQL cluster and a redis-server on spare
 * ports, a slow fake OpenAI (jobs are in flight for seconds), two API processes and a worker process,
 * each the real entry point with production logging (JSON, info).
 */
export async function startDeployment({ chunkDelayMs }: { chunkDelayMs: number }): Promise<Deployment> {
  const cluster = await createPostgresCluster();
  const started: { redis?: ChildProcess; fake?: FakeOpenAI; all: Instance[] } = { all: [] };
  const close = async () => {
    for (const instance of started.all) instance.process.kill('SIGKILL');
    await Promise.all(started.all.map((instance) => instance.process.exited));
    if (started.redis) await stopRedis(started.redis);
    await started.fake?.close();
    await cluster.destroy();
  };
  try {
    await migrateDatabase(cluster.url);
    const redisPort = await freePort();
    started.redis = await startRedis(redisPort);
    const fake = (started.fake = await startFakeOpenAI({ defaultBehaviour: { kind: 'stream', chunkDelayMs } }));
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      SECRET_KEY,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: cluster.url,
      DATABASE_POOL_MAX: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_PREFIX: 'lpa:faults:',
      OPENAI_API_KEY: 'sk-fault-suite',
      OPENAI_BASE_URL: fake.url,
      GENERATION_WORKER_IN_API: 'false',
      GENERATION_RATE_LIMIT_PER_MINUTE: '100000',
      GENERATION_BACKOFF_MS: '200',
      GENERATION_JOB_TIMEOUT_MS: '30000',
      QUEUE_STALLED_INTERVAL_MS: '2000',
      FEATURE_RATE_LIMIT: 'false',
      SHUTDOWN_TIMEOUT_MS: '10000',
    };

    const startApi = async (name: string) => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      const instance = {
        name,
        base: `http://127.0.0.1:${port}`,
        metricsBase: `http://127.0.0.1:${metricsPort}`,
        process: startServerProcess({ ...env, PORT: String(port), METRICS_PORT: String(metricsPort) }),
      };
      started.all.push(instance);
      await instance.process.waitForLine((l) => /ready at/.test(String(l.msg)));
      return instance;
    };
    let workers = 0;
    const startWorker = async () => {
      const port = await freePort();
      const instance = {
        name: `worker${++workers}`,
        base: `http://127.0.0.1:${port}`,
        metricsBase: `http://127.0.0.1:${port}`,
        process: startServerProcess({ ...env, METRICS_PORT: String(port) }, 'src/worker.ts'),
      };
      started.all.push(instance);
      await instance.process.waitForLine((l) => l.msg === 'generation and publishing worker started');
      // The health server listens right after that line.
      for (
        let i = 0;
        !(await fetch(`${instance.base}/health/live`)
          .then((r) => r.ok)
          .catch(() => false));
        i++
      ) {
        if (i > 100) throw new Error(`${instance.name} never served /health/live`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return instance;
    };

    const [a, b, worker] = await Promise.all([startApi('api-a'), startApi('api-b'), startWorker()]);
    const deployment: Deployment = {
      cluster,
      fake,
      apis: [a, b],
      worker,
      all: started.all,
      async killRedis() {
        if (started.redis) await stopRedis(started.redis);
      },
      async restartRedis() {
        started.redis = await startRedis(redisPort);
      },
      async restartWorker() {
        if (deployment.worker.process.running()) throw new Error('the worker is still running');
        deployment.worker = await startWorker();
        return deployment.worker;
      },
      close,
    };
    return deployment;
  } catch (error) {
    await close();
    throw error;
  }
}
