/**
 * The I/O thread of the k6 runner: k6's http and ws calls block the script until the network
 * answers, which Node's event loop cannot do on the script's own thread. This worker does the
 * asynchronous work (fetch, a WebSocket client) and wakes the script's thread for each message.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import type { FromWorker, HttpRequestMessage, ToWorker } from './io-messages.js';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const sockets = new Map<number, WebSocket>();

function reply(message: FromWorker) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

async function http(request: HttpRequestMessage) {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    reply({
      kind: 'http-response',
      id: request.id,
      status: response.status,
      url: response.url,
      headers: [...response.headers],
      setCookies: response.headers.getSetCookie(),
      body,
      error: '',
      durationMs: performance.now() - started,
    });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    reply({
      kind: 'http-response',
      id: request.id,
      status: 0,
      url: request.url,
      headers: [],
      setCookies: [],
      body: '',
      error: `${(error as Error).message}${cause ? `: ${cause.message}` : ''}`,
      durationMs: performance.now() - started,
    });
  }
}

function connect(sessionId: number, url: string, protocols: string[], headers: Record<string, string>) {
  const socket = new WebSocket(url, protocols, { headers });
  sockets.set(sessionId, socket);
  let upgraded: { status: number; headers: Record<string, string> } = { status: 0, headers: {} };
  let ended = false;
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    sockets.delete(sessionId);
    reply({ kind: 'ws-event', sessionId, type: 'close', code });
  };
  socket.on('upgrade', (response) => {
    upgraded = { status: response.statusCode ?? 0, headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, String(v)])) };
  });
  socket.on('open', () => reply({ kind: 'ws-event', sessionId, type: 'open', ...upgraded }));
  socket.on('message', (data) => reply({ kind: 'ws-event', sessionId, type: 'message', data: data.toString() }));
  socket.on('unexpected-response', (req, response) => {
    reply({ kind: 'ws-event', sessionId, type: 'error', error: `unexpected response ${response.statusCode}`, status: response.statusCode ?? 0 });
    req.destroy();
    end(1006);
  });
  socket.on('error', (error) => reply({ kind: 'ws-event', sessionId, type: 'error', error: error.message, status: 0 }));
  socket.on('close', (code) => end(code));
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'http':
      void http(message);
      return;
    case 'ws-connect':
      connect(message.sessionId, message.url, message.protocols, message.headers);
      return;
    case 'ws-send':
      sockets.get(message.sessionId)?.send(message.data);
      return;
    case 'ws-close':
      sockets.get(message.sessionId)?.close();
      return;
  }
});
