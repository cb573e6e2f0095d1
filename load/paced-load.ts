import { Agent, request } from 'node:http';
import { createTally, type LoadOptions, type LoadResult } from './http-load.js';

export interface PacedOptions extends LoadOptions {
  /** Requests started per second, on a fixed schedule whatever the answers' pace (an open model). */
  ratePerSec: number;
}

/** How often the schedule is caught up: each tick starts every request due by then. */
const TICK_MS = 1;

/**
 * Offers a fixed request rate over `connections` keep-alive connections, as that many independent
 * callers would: request k is due at k ÷ rate seconds and goes out on connection k mod connections, so
 * every connection carries its share. Each answer is timed from the moment its request was due.
 * Closed-loop load (autocannon: each connection sends as soon as its previous answer arrives) measures
 * latency at saturation, where by Little's law it is connections ÷ throughput; this measures it at a
 * stated load. A request due while its connection still waits for an answer waits too, and that wait
 * counts: a server that falls behind shows it in the latency instead of silently receiving less.
 * Every connection is opened first with one untimed request, so the schedule measures answers, not
 * TCP handshakes.
 */
export async function runPacedLoad(options: PacedOptions): Promise<LoadResult> {
  const target = new URL(options.path ?? '/graphql', options.url);
  const connections = Array.from({ length: options.connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const tally = createTally();
  const record = (dueAt: number) => (answer: Answer) => {
    if ('error' in answer) return tally.transportError(answer.error.message);
    tally.latency(answer.endedAt - dueAt);
    tally.answer(answer.status, answer.body);
  };

  await Promise.all(connections.map((agent) => exchange(target, agent, options)));
  const startedAt = performance.now();
  const intervalMs = 1000 / options.ratePerSec;
  const total = Math.round(options.durationSec * options.ratePerSec);
  const answers: Promise<void>[] = [];
  await new Promise<void>((scheduled) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      for (let k = answers.length; k < due; k++) {
        answers.push(exchange(target, connections[k % connections.length]!, options).then(record(startedAt + k * intervalMs)));
      }
      if (answers.length < total) setTimeout(tick, TICK_MS);
      else scheduled();
    };
    tick();
  });
  await Promise.all(answers);
  for (const agent of connections) agent.destroy();
  return tally.result((performance.now() - startedAt) / 1000);
}

type Answer = { status: number; body: string; endedAt: number } | { error: Error };

/** One request on one connection (queued behind its previous one); never rejects. */
function exchange(target: URL, agent: Agent, options: PacedOptions): Promise<Answer> {
  const next = options.next();
  return new Promise((resolve) => {
    let answered = false;
    const answer = (value: Answer) => {
      if (answered) return;
      answered = true;
      resolve(value);
    };
    const fail = (error: Error) => answer({ error });
    const req = request(
      target,
      {
        method: options.method ?? 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(next.body), ...next.headers },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => answer({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), endedAt: performance.now() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', fail);
    req.end(next.body);
  });
}
