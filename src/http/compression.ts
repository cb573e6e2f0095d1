import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Metrics } from '../infra/metrics.js';
import { type ContentCoding, preferredCoding } from './accept-encoding.js';

export interface CompressionOptions {
  enabled: boolean;
  /** Bodies smaller than this go as they are: a coding's framing and the CPU would buy nothing. 0: every non-empty body. */
  minBytes: number;
}

/**
 * JSON answers, GraphiQL's page and assets, the metrics text. text/event-stream and multipart/mixed are
 * left out on purpose: each event or part must reach the client when it is written, and a compressor
 * holds bytes back until its block fills.
 */
const COMPRESSIBLE = /^\s*(?:application\/(?:json|graphql-response\+json|javascript)|text\/(?:html|plain|css|javascript))\s*(?:;|$)/i;

/*
 * Cheap settings, not Node's defaults (brotli's is quality 11, milliseconds for a page). On the bench's
 * feed page (50 KB of JSON, 20 seeded posts) brotli 4 and gzip 6 cost about the same CPU and left about
 * the same bytes (21% and 20.5%); brotli 5 left 19% for a third more CPU, which every answer executed
 * afresh would pay (cache hits compress once), so 4: the cheapest brotli that is not worse than gzip.
 * Synchronous on purpose: the same body through the thread pool cost 2x (alone) to 5x (30 at once) the
 * CPU, for answers that take tens to hundreds of microseconds to compress; serialising the JSON already
 * holds the event loop longer than compressing it.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const GZIP = { level: 6 };

const encode = (body: Buffer, coding: ContentCoding): Buffer => (coding === 'br' ? brotliCompressSync(body, BROTLI) : gzipSync(body, GZIP));

type Callback = (error?: Error | null) => void;

const toBuffer = (chunk: string | Uint8Array, encoding: BufferEncoding | undefined): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk, encoding ?? 'utf8')
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/** write/end arguments: (chunk, callback) or (chunk, encoding, callback), any of them absent. */
function chunkArguments(args: unknown[]): { chunk?: string | Uint8Array; encoding?: BufferEncoding; callback?: Callback } {
  const [chunk, second, third] = args;
  if (typeof chunk === 'function') return { callback: chunk as Callback };
  return {
    ...(chunk == null ? {} : { chunk: chunk as string | Uint8Array }),
    ...(typeof second === 'string' ? { encoding: second as BufferEncoding } : {}),
    ...(typeof second === 'function' ? { callback: second as Callback } : typeof third === 'function' ? { callback: third as Callback } : {}),
  };
}

function setHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined) {
  if (!headers) return;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as OutgoingHttpHeader);
    return;
  }
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
}

/** Whatever else the answer varies on, it varies on Accept-Encoding too, compressed this time or not. */
function varyOnAcceptEncoding(res: ServerResponse) {
  const current = res.getHeader('vary');
  if (current === undefined) return void res.setHeader('vary', 'Accept-Encoding');
  const listed = Array.isArray(current) ? current.join(', ') : String(current);
  if (listed.trim() === '*' || /\baccept-encoding\b/i.test(listed)) return;
  res.setHeader('vary', listed ? `${listed}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * Compression at the edge, for deployments with no proxy in front to do it: each answer is sent
 * with brotli or gzip when the request's Accept-Encoding asks for one, its type is compressible
 * and its body is at least `minBytes`. Installed on a response before anything writes it, it looks
 * at the head when the writer sends it: every other answer (small, streamed, already encoded, no
 * coding asked for) goes out untouched, unbuffered, with only `Vary: Accept-Encoding` added. A
 * compressible one is held until it ends, then sent whole with its Content-Length.
 *
 * A body handed to `end()` as one Buffer is taken to be final (Node may still be sending it after
 * `end()` returns, so no writer may change it): its encodings are kept for as long as it lives, so
 * the response cache, which writes the same Buffer for every hit of an entry, compresses each entry
 * once per coding rather than on every hit.
 *
 * Answers holding secrets (tokens) are compressed too: BREACH needs a credential the browser attaches
 * to a request another site makes it send, and this API's are bearer tokens the client adds itself.
 */
export function createCompression({ enabled, minBytes }: CompressionOptions, metrics: Metrics) {
  /** Accept-Encoding headers are few (one per client library): their negotiation is remembered (bounded). */
  const codings = new Map<string, ContentCoding | undefined>();
  const encodings = new WeakMap<Uint8Array, Partial<Record<ContentCoding, Buffer>>>();

  function codingOf(header: string | undefined): ContentCoding | undefined {
    const key = header ?? '';
    if (codings.has(key)) return codings.get(key);
    const coding = preferredCoding(header);
    if (codings.size >= 100) codings.clear();
    codings.set(key, coding);
    return coding;
  }

  function encoded(body: Buffer, coding: ContentCoding, final: Uint8Array | undefined): Buffer {
    const known = final && encodings.get(final);
    let out = known?.[coding];
    if (!out) {
      out = encode(body, coding);
      if (final) encodings.set(final, { ...known, [coding]: out });
    }
    metrics.httpCompressedResponses.inc({ encoding: coding });
    metrics.httpCompressionBytes.inc({ encoding: coding, stage: 'body' }, body.length);
    metrics.httpCompressionBytes.inc({ encoding: coding, stage: 'sent' }, out.length);
    return out;
  }

  function worthHolding(req: IncomingMessage, res: ServerResponse, status: number): boolean {
    if (status < 200 || status === 204 || status === 304 || req.method === 'HEAD') return false;
    if (res.hasHeader('content-encoding') || !COMPRESSIBLE.test(String(res.getHeader('content-type') ?? ''))) return false;
    const length = res.getHeader('content-length');
    return length === undefined || Number(length) >= Math.max(minBytes, 1);
  }

  /** Makes `res` compress its answer when it is worth it; call before anything writes it. */
  return function compressAnswer(req: IncomingMessage, res: ServerResponse): void {
    if (!enabled) return;
    const coding = codingOf(req.headers['accept-encoding']);
    const { writeHead, write, end } = res;
    let head: { status: number; reason?: string } | undefined;
    /** The body so far, while the answer is held; undefined once it is passed through. */
    let held: Buffer[] | undefined;
    /** The one chunk the body was handed over as, when it was handed over as a whole Buffer. */
    let sole: Uint8Array | undefined;

    const restore = () => {
      for (const method of ['writeHead', 'write', 'end']) Reflect.deleteProperty(res, method);
    };
    const sendHead = (status: number, reason: string | undefined) =>
      reason === undefined ? writeHead.call(res, status) : (writeHead as (status: number, reason: string) => ServerResponse).call(res, status, reason);
    const sendBody = (body: Buffer, callback: Callback | undefined) =>
      (end as (chunk: Buffer, callback?: Callback) => ServerResponse).call(res, body, callback);

    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const [reason, headers] = typeof rest[0] === 'string' ? [rest[0], rest[1]] : [undefined, rest[0]];
      setHeaders(res, headers as OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined);
      varyOnAcceptEncoding(res);
      if (coding && worthHolding(req, res, status)) {
        head = { status, ...(reason === undefined ? {} : { reason }) };
        held ??= [];
        return res;
      }
      restore();
      return sendHead(status, reason);
    }) as ServerResponse['writeHead'];
    if (!coding) return;

    // A writer that never calls writeHead (statusCode, then end) has Node call it from write or end.
    const ensureHead = () => {
      if (!head && !res.headersSent) res.writeHead(res.statusCode);
    };

    res.write = ((...args: unknown[]) => {
      ensureHead();
      if (!held) return (write as (...a: unknown[]) => boolean).apply(res, args);
      const { chunk, encoding, callback } = chunkArguments(args);
      if (chunk !== undefined) held.push(toBuffer(chunk, encoding));
      sole = undefined;
      if (callback) process.nextTick(callback);
      return true;
    }) as ServerResponse['write'];

    res.end = ((...args: unknown[]) => {
      ensureHead();
      if (!held || !head) return (end as (...a: unknown[]) => ServerResponse).apply(res, args);
      const { chunk, encoding, callback } = chunkArguments(args);
      if (chunk !== undefined) {
        if (held.length === 0 && typeof chunk !== 'string') sole = chunk;
        held.push(toBuffer(chunk, encoding));
      }
      restore();
      const body = held.length === 1 ? held[0]! : Buffer.concat(held);
      held = undefined;
      if (body.length === 0 || body.length < minBytes) {
        res.setHeader('content-length', body.length);
        sendHead(head.status, head.reason);
        return sendBody(body, callback);
      }
      const out = encoded(body, coding, sole);
      res.setHeader('content-encoding', coding);
      res.setHeader('content-length', out.length);
      sendHead(head.status, head.reason);
      return sendBody(out, callback);
    }) as ServerResponse['end'];
  };
}
