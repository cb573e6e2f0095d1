/**
 * The runner's `k6/ws` module: connect() blocks, as in k6, running the socket's event loop on the
 * script's thread until the socket closes: handlers for open, message, error and close, send,
 * close and setTimeout. A failed handshake throws, as k6's does.
 */
import { receive, send } from './bridge.js';
import type { FromWorker, WsEventMessage } from './io-messages.js';

type Handler = (payload?: unknown) => void;

interface Socket {
  on(event: 'open' | 'message' | 'error' | 'close', handler: Handler): void;
  send(data: string): void;
  close(): void;
  setTimeout(callback: () => void, ms: number): void;
}

let nextSession = 1;

export function connect(url: string, params: { headers?: Record<string, string> } = {}, callback: (socket: Socket) => void = () => {}) {
  const unknown = Object.keys(params).filter((key) => key !== 'headers');
  if (unknown.length) throw new Error(`k6/ws: params ${unknown.join(', ')} are not implemented by this runner`);
  const sessionId = nextSession++;
  const headers = { ...params.headers };
  // The subprotocol header goes through the WebSocket client's own list, which checks the server's answer.
  const protocolHeader = Object.keys(headers).find((name) => name.toLowerCase() === 'sec-websocket-protocol');
  const protocols = protocolHeader ? headers[protocolHeader]!.split(',').map((p) => p.trim()) : [];
  if (protocolHeader) delete headers[protocolHeader];
  send({ kind: 'ws-connect', sessionId, url, protocols, headers });

  const ofSession = (m: FromWorker): m is WsEventMessage => m.kind === 'ws-event' && m.sessionId === sessionId;
  const handshake = receive(ofSession)!;
  if (handshake.type !== 'open') {
    throw new Error(`k6/ws: ${url}: ${handshake.type === 'error' ? handshake.error : `closed during the handshake (${handshake.type})`}`);
  }

  const handlers = new Map<string, Handler[]>();
  const timers: { at: number; callback: () => void }[] = [];
  const socket: Socket = {
    on: (event, handler) => void handlers.set(event, [...(handlers.get(event) ?? []), handler]),
    send: (data) => send({ kind: 'ws-send', sessionId, data }),
    close: () => send({ kind: 'ws-close', sessionId }),
    setTimeout: (timerCallback, ms) => void timers.push({ at: Date.now() + ms, callback: timerCallback }),
  };
  const emit = (event: string, payload?: unknown) => {
    for (const handler of handlers.get(event) ?? []) handler(payload);
  };

  callback(socket);
  emit('open');
  for (;;) {
    timers.sort((a, b) => a.at - b.at);
    const event = receive(ofSession, timers[0]?.at);
    if (!event) {
      timers.shift()!.callback();
      continue;
    }
    if (event.type === 'message') emit('message', event.data);
    else if (event.type === 'error') emit('error', event.error);
    else if (event.type === 'close') {
      emit('close', event.code);
      break;
    }
  }
  return { status: handshake.status, url, headers: handshake.headers, error: '' };
}

export default { connect };
