import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { localCopy, type NginxPorts, prepare, startLocalNginx } from './local-nginx.js';
import { readRepoFile } from './repo.js';
import { findTool, requireTool } from './tools.js';

const nginx = requireTool('nginx');
const _execFileAsync = promisify(execFile);

/**
 * Runs nginx with stdout/stderr on a file: the config logs to /dev/stderr, which cannot be
 * opened when it is the socket Node's child_process pipes use (in the container it is a pipe).
 */
async function nginxCheck(dir: string): Promise<{ code: number | null; output: string }> {
  const logFile = path.join(dir, 'nginx-t.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(nginx.path!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', fd, fd] });
  const [code] = (await once(child, 'exit')) as [number | null];
  closeSync(fd);
  return { code, output: readFileSync(logFile, 'utf8') };
}

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Stands in for the api replicas: records what reached it and answers like the API would. */
function fakeApi(seen: Seen[]) {
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.headers.accept?.includes('text/event-stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'from-upstream' });
      res.write('event: next\ndata: {"data":{"tick":1}}\n\n');
      return; // stays open like a live subscription
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'from-upstream' });
    res.end(JSON.stringify({ data: { padding: 'x'.repeat(4096) } }));
  });
  const sockets = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false) });
  sockets.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${String(data)}`)));
  return server;
}

type Response = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function request(port: number, pathname: string, headers: Record<string, string> = {}, secure = true): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({ host: '127.0.0.1', port, path: pathname, headers, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(nginx.skip)('nginx configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lpa-nginx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('nginx and openssl are installed', () => {
    expect(nginx.path, nginx.missing).toBeDefined();
    expect(findTool('openssl'), 'openssl is not installed').toBeDefined();
  });

  it('nginx -t accepts the config with a generated self-signed certificate', async () => {
    const checkDir = path.join(dir, 'check');
    await prepare(checkDir);
    const result = await nginxCheck(checkDir);
    expect(result.output).toContain('test is successful');
    expect(result.code).toBe(0);
  });

  it('nginx -t rejects a broken config, so the check above can fail', async () => {
    const brokenDir = path.join(dir, 'broken');
    await prepare(brokenDir);
    writeFileSync(path.join(brokenDir, 'nginx.conf'), localCopy(readRepoFile('docker/nginx/nginx.conf'), brokenDir).replace('least_conn;', 'least_conn'));
    const result = await nginxCheck(brokenDir);
    expect(result.output).toContain('test failed');
    expect(result.code).not.toBe(0);
  });

  describe('proxying to a fake api', () => {
    const seen: Seen[] = [];
    const upstream = fakeApi(seen);
    let proxy: Awaited<ReturnType<typeof startLocalNginx>> | undefined;
    let ports: NginxPorts;

    beforeAll(async () => {
      if (!nginx.path) return;
      upstream.listen(0, '127.0.0.1');
      await once(upstream, 'listening');
      proxy = await startLocalNginx(nginx.path, path.join(dir, 'run'), (upstream.address() as AddressInfo).port);
      ports = proxy.ports;
    }, 15_000);

    afterAll(async () => {
      await proxy?.stop();
      upstream.closeAllConnections();
      upstream.close();
    });

    it('redirects plain HTTP to HTTPS but answers its own health check', async () => {
      const redirect = await request(ports.http, '/graphql?query=%7B__typename%7D', {}, false);
      expect(redirect.status).toBe(308);
      expect(redirect.headers.location).toBe('https://127.0.0.1/graphql?query=%7B__typename%7D');
      const health = await request(ports.http, '/nginx-health', {}, false);
      expect(health.status).toBe(200);
    });

    it('mints a request id, sends it upstream and returns it once', async () => {
      const res = await request(ports.https, '/graphql');
      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(seen.at(-1)?.headers['x-request-id']).toBe(id);
      expect(seen.at(-1)?.headers['x-forwarded-proto']).toBe('https');
    });

    it('keeps a well-formed caller request id and replaces a malformed one', async () => {
      const kept = await request(ports.https, '/graphql', { 'x-request-id': 'client-abc.123' });
      expect(kept.headers['x-request-id']).toBe('client-abc.123');
      expect(seen.at(-1)?.headers['x-request-id']).toBe('client-abc.123');
      const replaced = await request(ports.https, '/graphql', { 'x-request-id': 'bad id\twith spaces' });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    });

    it('gzips JSON responses', async () => {
      const res = await request(ports.https, '/graphql', { 'accept-encoding': 'gzip' });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(res.body).toString()).data.padding).toHaveLength(4096);
    });

    it('does not expose /metrics to the outside', async () => {
      expect((await request(ports.https, '/metrics')).status).toBe(404);
    });

    it('negotiates HTTP/2 over TLS', async () => {
      const session = http2.connect(`https://127.0.0.1:${ports.https}`, { rejectUnauthorized: false });
      const stream = session.request({ ':path': '/health/ready' });
      const [headers] = (await once(stream, 'response')) as [http2.IncomingHttpHeaders];
      stream.resume();
      await once(stream, 'end');
      session.close();
      expect(session.alpnProtocol).toBe('h2');
      expect(headers[':status']).toBe(200);
      expect(seen.at(-1)?.url).toBe('/health/ready');
    });

    it('upgrades WebSocket subscriptions on /graphql with the graphql-transport-ws protocol', async () => {
      const socket = new WebSocket(`wss://127.0.0.1:${ports.https}/graphql`, 'graphql-transport-ws', { rejectUnauthorized: false });
      await once(socket, 'open');
      expect(socket.protocol).toBe('graphql-transport-ws');
      socket.send('{"type":"connection_init"}');
      const [message] = (await once(socket, 'message')) as [Buffer];
      socket.close();
      expect(String(message)).toBe('echo:{"type":"connection_init"}');
    });

    it('streams Server-Sent Events without buffering, with the query string intact', async () => {
      const first = await new Promise<string>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port: ports.https,
            path: '/graphql?query=subscription%7Btick%7D',
            headers: { accept: 'text/event-stream' },
            rejectUnauthorized: false,
          },
          (res) =>
            res.once('data', (chunk: Buffer) => {
              resolve(chunk.toString());
              req.destroy();
            }),
        );
        req.on('error', reject);
        req.end();
      });
      expect(first).toContain('data: {"data":{"tick":1}}');
      expect(seen.at(-1)?.url).toBe('/graphql?query=subscription%7Btick%7D');
    });
  });
});
