import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { readRepoFile, repoPath } from './repo.js';

const execFileAsync = promisify(execFile);

export interface NginxPorts {
  http: number;
  https: number;
  upstream: number;
}

/**
 * The shipped config with only what differs on this machine changed: /etc/nginx paths point into
 * the temp dir, the `api` upstream host is a local fake, and the listen ports are free local ones.
 */
export function localCopy(text: string, dir: string, ports?: NginxPorts) {
  let out = text.replaceAll('/etc/nginx/', `${dir}/`).replaceAll('/tmp/nginx.pid', path.join(dir, 'nginx.pid'));
  out = out.replace(/server api:4000/, `server 127.0.0.1:${ports?.upstream ?? 4000}`);
  if (ports) {
    out = out.replace(/listen 80 /, `listen 127.0.0.1:${ports.http} `).replace(/listen 443 /, `listen 127.0.0.1:${ports.https} `);
  }
  // Debian's compiled-in temp paths belong to www-data; keep every temp file in the test dir.
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t}_temp;`).join(' ');
  return out.replace(/^http \{/m, `http {\n    ${temps}`);
}

export async function prepare(dir: string, ports?: NginxPorts) {
  mkdirSync(path.join(dir, 'snippets'), { recursive: true });
  writeFileSync(path.join(dir, 'nginx.conf'), localCopy(readRepoFile('docker/nginx/nginx.conf'), dir, ports));
  for (const snippet of readdirSync(repoPath('docker/nginx/snippets'))) {
    writeFileSync(path.join(dir, 'snippets', snippet), localCopy(readRepoFile(`docker/nginx/snippets/${snippet}`), dir));
  }
  // The same script the nginx container runs on first start.
  await execFileAsync(repoPath('docker/nginx/generate-self-signed-cert.sh'), [path.join(dir, 'certs')]);
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function waitForPort(port: number) {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The shipped nginx, run from `dir` in front of 127.0.0.1:`upstream`, on free local ports until `stop`. */
export async function startLocalNginx(nginx: string, dir: string, upstream: number): Promise<{ ports: NginxPorts; stop(): Promise<void> }> {
  const ports = { upstream, http: await freePort(), https: await freePort() };
  await prepare(dir, ports);
  const proxy: ChildProcess = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  await Promise.all([waitForPort(ports.http), waitForPort(ports.https)]);
  return {
    ports,
    async stop() {
      if (proxy.exitCode !== null) return;
      const exited = once(proxy, 'exit');
      proxy.kill('SIGTERM');
      await exited;
    },
  };
}
