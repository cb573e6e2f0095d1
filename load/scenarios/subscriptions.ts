import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { FakeOpenAI } from '../fake-openai.js';
import { gql, mapLimit } from '../graphql-client.js';
import { GENERATE_POST, GENERATION_PROGRESS } from '../operations.js';
import { treeCpuMs } from '../process-tree.js';
import type { ScenarioResult } from '../report.js';
import { type Target, unavailable } from '../scenario-runner.js';
import { summarize } from '../stats.js';
import type { ScenarioContext } from './types.js';

export interface SubscriptionOptions {
  subscribers: number;
  jobs: number;
  /** Present when the server's AI writer talks to the fake model, which lets the harness time each delta. */
  openai?: FakeOpenAI;
  timeoutMs: number;
}

interface ProgressEvent {
  delta?: string | null;
  job: { id: string; status: string; progress: number };
}

const NAME = 'subscriptions-fanout';
const CONNECT_CONCURRENCY = 200;

const METHOD_WITH_MODEL =
  'delta latency: receipt time minus the time the fake model wrote the newest token in that delta (same clock); spread: first to last subscriber receiving the same event';
const METHOD_SPREAD = 'spread only (no model timing): per event, first to last subscriber receiving it; latency column shows that spread';

/**
 * Many WebSocket subscribers follow the progress of a few generation jobs. Every subscriber connects
 * and subscribes while the jobs wait at the model; the model is then released, and each progress event
 * fans out to every subscriber of its job. Events received before the release are catch-up, not fan-out,
 * and are left out.
 */
export async function runSubscriptionFanout(ctx: ScenarioContext, target: Target, options: SubscriptionOptions): Promise<ScenarioResult> {
  const description = `${options.subscribers} graphql-ws subscribers on generationProgress of ${options.jobs} jobs`;
  const owner = ctx.fixtures.users[0]!;
  const runId = Date.now().toString(36);
  let jobIds: string[];
  try {
    jobIds = await mapLimit(
      Array.from({ length: options.jobs }, (_, i) => i),
      4,
      async (i) => {
        const data = await gql<{ generatePost: { id: string } }>(
          target.baseUrl,
          GENERATE_POST,
          { input: { topic: `fan-out benchmark ${runId} number ${i}`, tone: 'PROFESSIONAL', maxLength: 600 } },
          owner.token,
        );
        return data.generatePost.id;
      },
    );
  } catch (error) {
    options.openai?.release();
    return unavailable(NAME, description, target, (error as Error).message);
  }

  target.rss?.reset();
  const wsUrl = `${target.baseUrl.replace(/^http/, 'ws')}/graphql`;
  const clients: Client[] = [];
  const receipts = new Map<string, number[]>();
  const latencies: number[] = [];
  const failures: string[] = [];
  let releasedAt = Number.POSITIVE_INFINITY;
  let connected = 0;
  let completed = 0;
  let deliveries = 0;
  let subscribed!: () => void;
  const allSettled = new Promise<void>((resolve) => (subscribed = resolve));
  let settled = 0;
  const settle = () => {
    if (++settled === options.subscribers) subscribed();
  };
  // A subscription is in place once its first event (the job's state when it joined) arrives, or it ended.
  let inPlaceCount = 0;
  let allInPlace!: () => void;
  const everyoneInPlace = new Promise<void>((resolve) => (allInPlace = resolve));
  const placed = () => {
    if (++inPlaceCount === options.subscribers) allInPlace();
  };

  await mapLimit(
    Array.from({ length: options.subscribers }, (_, i) => i),
    CONNECT_CONCURRENCY,
    async (i) => {
      const jobId = jobIds[i % jobIds.length]!;
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${owner.token}` },
        lazy: false,
        retryAttempts: 0,
        on: { connected: () => connected++ },
      });
      clients.push(client);
      let first = true;
      const markInPlace = () => {
        if (first) placed();
        first = false;
      };
      await new Promise<void>((ready) => {
        const timer = setTimeout(ready, 10_000);
        client.on('connected', () => {
          clearTimeout(timer);
          ready();
        });
        client.on('closed', () => {
          clearTimeout(timer);
          ready();
        });
        client.subscribe<{ generationProgress: ProgressEvent }>(
          { query: GENERATION_PROGRESS, variables: { jobId } },
          {
            next: ({ data, errors }) => {
              const now = Date.now();
              markInPlace();
              if (errors?.length && failures.length < 3) failures.push(JSON.stringify(errors).slice(0, 300));
              const event = data?.generationProgress;
              if (!event || now < releasedAt) return;
              deliveries++;
              const key = `${event.job.id}|${event.job.status}|${event.job.progress}|${event.delta ?? ''}`;
              const list = receipts.get(key);
              if (list) list.push(now);
              else receipts.set(key, [now]);
              const emitted = event.delta ? options.openai?.emittedAt(event.delta) : undefined;
              if (emitted !== undefined) latencies.push(now - emitted);
            },
            error: (error) => {
              if (failures.length < 3) failures.push(error instanceof Error ? error.message : JSON.stringify(error).slice(0, 300));
              markInPlace();
              settle();
            },
            complete: () => {
              completed++;
              markInPlace();
              settle();
            },
          },
        );
      });
    },
  );

  // Connected is not subscribed: the server may still be setting up the last subscriptions, and that
  // work would land on the first events. Release the model once every subscription is in place.
  await Promise.race([everyoneInPlace, new Promise((r) => setTimeout(r, 30_000))]);
  const serverCpuAtRelease = target.pid === undefined ? undefined : treeCpuMs(target.pid);
  const clientCpuAtRelease = process.cpuUsage();
  // The clients share this process: if its event loop lagged, receipt times would include that lag.
  const clientLoop = monitorEventLoopDelay({ resolution: 5 });
  clientLoop.enable();
  releasedAt = Date.now();
  options.openai?.release();
  await Promise.race([allSettled, new Promise((r) => setTimeout(r, options.timeoutMs))]);
  const durationSec = (Date.now() - releasedAt) / 1000;
  const clientCpu = process.cpuUsage(clientCpuAtRelease);
  const perDelivery = (ms: number) => (deliveries ? ms / deliveries : 0);
  const cpuMsPerDelivery = {
    server: serverCpuAtRelease === undefined ? undefined : perDelivery(treeCpuMs(target.pid!) - serverCpuAtRelease),
    clients: perDelivery((clientCpu.user + clientCpu.system) / 1000),
  };
  clientLoop.disable();
  const clientLoopDelayMs = { p50: clientLoop.percentile(50) / 1e6, p99: clientLoop.percentile(99) / 1e6, max: clientLoop.max / 1e6 };
  const rssPeak = target.rss?.peakBytes();
  await Promise.all(clients.map((c) => c.dispose()));

  const spreads = [...receipts.values()].filter((times) => times.length > 1).map((times) => Math.max(...times) - Math.min(...times));
  const spreadMs = summarize(spreads);
  const latencyMs = latencies.length ? summarize(latencies) : spreadMs;
  const failed = options.subscribers - completed;
  return {
    name: NAME,
    description,
    target: target.name,
    mode: target.mode,
    status: deliveries > 0 ? 'ok' : 'failed',
    reason: deliveries > 0 ? undefined : `no progress events received after release; ${failures.join(' | ') || `${connected} connected`}`,
    durationSec,
    requestsPerSec: deliveries / durationSec,
    latencyMs,
    errorRate: failed / options.subscribers,
    transportErrors: failed,
    errorSamples: failures,
    rssPeakMb: rssPeak === undefined ? undefined : rssPeak / (1024 * 1024),
    fanout: {
      subscribers: options.subscribers,
      connected,
      jobs: jobIds.length,
      eventsReceived: deliveries,
      method: latencies.length ? METHOD_WITH_MODEL : METHOD_SPREAD,
      latencyMs,
      spreadMs,
      completedSubscriptions: completed,
      cpuMsPerDelivery,
      clientLoopDelayMs,
    },
  };
}
