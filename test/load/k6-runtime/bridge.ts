/**
 * The script's side of the I/O worker: sends it work and blocks (Atomics.wait) until the answer
 * arrives, which is what k6's synchronous http and ws APIs need. Messages that arrive while waiting
 * for another one (a WebSocket event during an HTTP call) are kept for whoever waits for them.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './io-messages.js';

const channel = new MessageChannel();
/** [0] counts the worker's messages; [1] is set when the worker could not start (the blocked script would wait forever). */
const signal = new Int32Array(new SharedArrayBuffer(8));
// Workers do not inherit tsx's loader: the worker loads its TypeScript through tsx's API.
const bootstrap = `
const { workerData } = require('node:worker_threads');
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./io-worker.ts', import.meta.url).href)}, { parentURL: 'file:///' }))
  .catch((error) => {
    console.error(error);
    Atomics.store(workerData.signal, 1, 1);
    Atomics.notify(workerData.signal, 0);
  });`;
const worker = new Worker(bootstrap, {
  eval: true,
  workerData: { port: channel.port2, signal },
  transferList: [channel.port2],
});
worker.unref();
const pending: FromWorker[] = [];

export function send(message: ToWorker): void {
  channel.port1.postMessage(message);
}

/** The next message `matches` accepts; undefined once `deadline` (a Date.now() time) passes without one. */
export function receive<T extends FromWorker>(matches: (message: FromWorker) => message is T, deadline = Number.POSITIVE_INFINITY): T | undefined {
  for (;;) {
    const index = pending.findIndex(matches);
    if (index >= 0) return pending.splice(index, 1)[0] as T;
    const seen = Atomics.load(signal, 0);
    const received = receiveMessageOnPort(channel.port1);
    if (received) {
      pending.push(received.message as FromWorker);
      continue;
    }
    if (Atomics.load(signal, 1)) throw new Error("the k6 runner's I/O worker failed to start");
    const wait = deadline - Date.now();
    if (wait <= 0) return undefined;
    Atomics.wait(signal, 0, seen, Number.isFinite(wait) ? wait : undefined);
  }
}

export const stopIo = () => worker.terminate();
