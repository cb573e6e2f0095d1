import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsInRepo, readRepoFile } from './repo.js';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions, joining continuation lines. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else stages.at(-1)?.instructions.push({ keyword: upper, args });
  }
  return stages;
}

/** Source paths of COPY/ADD instructions that read the build context (not another stage). */
function contextSources(stages: Stage[]): string[] {
  return stages.flatMap((s) =>
    s.instructions
      .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from=/.test(i.args))
      .flatMap((i) => {
        const words = i.args.startsWith('[') ? (JSON.parse(i.args) as string[]) : i.args.split(/\s+/);
        return words.filter((w) => !w.startsWith('--')).slice(0, -1);
      }),
  );
}

/** The .dockerignore patterns that exclude a top-level path (enough for this repository's file). */
function ignoredBy(dockerignore: string, source: string): string[] {
  const patterns = dockerignore
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
  const clean = source.replace(/^\.\/?/, '').replace(/\/$/, '');
  return patterns.filter((p) => {
    const bare = p.replace(/^\*\*\//, '').replace(/\/$/, '');
    const regex = new RegExp(`^${bare.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    return regex.test(clean) || regex.test(path.basename(clean));
  });
}

const app = parseDockerfile(readRepoFile('docker/Dockerfile'));
const runtime = app.at(-1)!;
const last = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);

describe('docker/Dockerfile', () => {
  it('is multi-stage: deps, build and a runtime on a current Node LTS slim image', () => {
    expect(app.map((s) => s.name)).toEqual(expect.arrayContaining(['deps', 'build', 'runtime']));
    const nodeVersion = /ARG NODE_VERSION=(\d+)/.exec(readRepoFile('docker/Dockerfile'))?.[1];
    expect(Number(nodeVersion)).toBeGreaterThanOrEqual(22);
    expect(runtime.from).toBe('node:${NODE_VERSION}-slim');
  });

  it('copies only files that exist in the build context and are not excluded by .dockerignore', () => {
    const sources = contextSources(app);
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'prisma', 'src']));
    const dockerignore = readRepoFile('.dockerignore');
    for (const source of sources) {
      expect(existsInRepo(source), source).toBe(true);
      expect(ignoredBy(dockerignore, source), `${source} is excluded by .dockerignore`).toEqual([]);
    }
  });

  it('copies from stages that exist', () => {
    const names = app.map((s) => s.name);
    for (const stage of app) {
      for (const i of stage.instructions.filter((x) => x.keyword === 'COPY' && x.args.includes('--from='))) {
        expect(names).toContain(/--from=(\S+)/.exec(i.args)?.[1]);
      }
    }
  });

  it('generates the Prisma client and compiles in the build stage', () => {
    const build = app.find((s) => s.name === 'build')!;
    expect(build.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('npm run generate') && i.args.includes('npm run build'))).toBe(true);
  });

  it('runs production code as a non-root user with a health check and exec-form commands under tini', () => {
    const user = last(runtime, 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(runtime.instructions.some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(true);
    const healthcheck = last(runtime, 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/health/ready');
    expect(healthcheck).toMatch(/CMD \["node"/);
    expect(JSON.parse(last(runtime, 'ENTRYPOINT')!.args)).toEqual(['/usr/bin/tini', '--']);
    expect(JSON.parse(last(runtime, 'CMD')!.args)).toEqual(['node', 'dist/src/index.js']);
  });

  it('starts the entry that tsc emits for src/index.ts', () => {
    const { compilerOptions } = JSON.parse(readRepoFile('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    const emitted = path.join(compilerOptions.outDir, path.relative(compilerOptions.rootDir, 'src/index.ts')).replace(/\.ts$/, '.js');
    expect(JSON.parse(last(runtime, 'CMD')!.args)).toContain(emitted);
  });

  it('the runtime stage carries dist, production node_modules and prisma (schema and migrations)', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual(
      expect.arrayContaining(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist', '--from=build /app/prisma ./prisma']),
    );
    const prodDeps = app.find((s) => s.name === 'prod-deps')!;
    expect(prodDeps.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('--omit=dev'))).toBe(true);
  });
});

describe('docker/nginx/Dockerfile', () => {
  it('copies the certificate script from its own context', () => {
    const sources = contextSources(parseDockerfile(readRepoFile('docker/nginx/Dockerfile')));
    expect(sources).toEqual(['generate-self-signed-cert.sh']);
    for (const source of sources) expect(existsInRepo(path.join('docker/nginx', source))).toBe(true);
  });
});
