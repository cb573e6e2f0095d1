import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { LOCAL_FILE_PATH, LOCAL_UPLOAD_PATH, type LocalMediaStorage } from '../infra/storage/local-storage.js';
import { readBodyWithin } from './request-body.js';
import { type Route, sendJson } from './routes.js';

const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.pdf': 'application/pdf', '.webp': 'image/webp' };

const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, status === 413 ? { connection: 'close' } : {});

const queryOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').searchParams;

/**
 * With local storage, the API's own server stands in for a bucket's presigned URLs: a signed,
 * expiring PUT of exactly the announced bytes and type (the second step of a two-step upload), and a
 * signed, expiring GET of a stored file. Nothing here trusts anything the signature does not cover.
 */
export function mediaRoutes(storage: LocalMediaStorage, options: { bodyTimeoutMs: number }): Route[] {
  return [
    {
      methods: ['PUT'],
      path: LOCAL_UPLOAD_PATH,
      async handle(req, res) {
        const grant = storage.verify('upload', queryOf(req));
        if (grant === 'invalid') return refuse(res, 403, 'FORBIDDEN', 'The upload URL is not valid.');
        if (grant === 'expired') return refuse(res, 403, 'FORBIDDEN', 'The upload URL has expired: ask for a new one with createUpload.');
        if ((req.headers['content-type'] ?? '') !== grant.contentType) {
          return refuse(res, 403, 'FORBIDDEN', `The upload must be sent with content-type: ${grant.contentType}.`);
        }
        const body = await readBodyWithin(req, grant.bytes, options.bodyTimeoutMs);
        if (body === 'aborted') return;
        if (body === 'too_large') return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The upload is larger than the ${grant.bytes} bytes announced.`);
        if (body === 'too_slow') return refuse(res, 408, 'REQUEST_TIMEOUT', `The upload did not arrive within ${options.bodyTimeoutMs} ms.`);
        if ((body?.length ?? 0) !== grant.bytes)
          return refuse(res, 400, 'BAD_REQUEST', `The upload has ${body?.length ?? 0} bytes, not the ${grant.bytes} announced.`);
        await storage.put(grant.key, body!, grant.contentType);
        res.writeHead(200, { 'cache-control': 'no-store' }).end();
      },
    },
    {
      methods: ['GET'],
      path: LOCAL_FILE_PATH,
      handle(req, res) {
        const grant = storage.verify('read', queryOf(req));
        if (grant === 'invalid' || grant === 'expired')
          return refuse(res, 403, 'FORBIDDEN', `The file URL is ${grant === 'invalid' ? 'not valid' : 'expired'}.`);
        const file = createReadStream(storage.pathOf(grant.key));
        // A deleted media's URL may still be within its signature's life.
        file.once('error', () => (res.headersSent ? res.destroy() : refuse(res, 404, 'NOT_FOUND', 'Not found.')));
        file.once('open', () => {
          res.writeHead(200, { 'content-type': TYPES[extname(grant.key)] ?? 'application/octet-stream', 'cache-control': 'private, max-age=600' });
          file.pipe(res);
        });
      },
    },
  ];
}
