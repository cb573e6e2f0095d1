import type { IncomingMessage } from 'node:http';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads a request body up to `maxBytes` within `timeoutMs`. Returns 'too_large' as soon as the
 * declared Content-Length or the bytes received pass the limit, without reading the rest;
 * 'too_slow' when the whole body has not arrived in time; 'aborted' when the client goes away first.
 */
export async function readBodyWithin(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<Buffer | 'too_large' | 'too_slow' | 'aborted' | undefined> {
  if (BODYLESS.has(req.method ?? 'GET')) return undefined;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return 'too_large';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      stop();
      resolve('too_slow');
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', reject).off('close', onClose);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        resolve('too_large');
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onClose = () => {
      stop();
      resolve('aborted');
    };
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
  });
}

/**
 * Hands an already-read body to Yoga's Node adapter, which takes a pre-read `req.body` when it
 * is a non-empty object that is a valid fetch body (here an async iterable with one chunk). Never
 * the Buffer itself: the adapter calls Object.keys on it, one string per byte (a 75 kB ingest batch
 * spent a fifth of its CPU there).
 */
export function attachBody(req: IncomingMessage, body: Buffer): void {
  if (!body.length) return;
  const preRead = {
    chunks: [body],
    async *[Symbol.asyncIterator]() {
      yield* preRead.chunks;
    },
  };
  Object.assign(req, { body: preRead });
}
