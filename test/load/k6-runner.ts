/**
 * Runs a k6 script where k6 cannot be installed: setup(), one iteration of the default function
 * (one virtual user; --iterations for more, one after another), teardown(), then the script's
 * thresholds, as `k6 run --vus 1 --iterations 1` would. It provides the k6 modules the scripts in load/k6 import (test/load/k6-runtime), and fails
 * on what k6 only reports: any failed check.
 *
 *   npx tsx test/load/k6-runner.ts load/k6/mix.js -e BASE_URL=http://127.0.0.1:4000 [--iterations N] [--no-time-thresholds] [--summary-export file]
 *
 * Exit codes: 0 when everything held; 99 (k6's) when a threshold failed; 107 (k6's) when the script
 * threw; 97 when a check failed. --no-time-thresholds reports thresholds on durations without
 * enforcing them: one iteration on a busy test machine measures nothing about latency.
 */
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stopIo } from './k6-runtime/bridge.js';
import { add, allChecks, allMetrics, known } from './k6-runtime/registry.js';
import { evaluate, type ThresholdResult } from './k6-runtime/thresholds.js';

const MODULES: Record<string, string> = {
  k6: 'k6.ts',
  'k6/http': 'http.ts',
  'k6/metrics': 'metrics.ts',
  'k6/ws': 'ws.ts',
};

const HOOKS = `
let modules;
export function initialize(data) { modules = data; }
export async function resolve(specifier, context, next) {
  // Through the next resolver, so tsx marks the .ts file for its loader.
  if (Object.hasOwn(modules, specifier)) return next(modules[specifier], context);
  if (specifier === 'k6' || specifier.startsWith('k6/')) throw new Error(specifier + ' is not provided by the k6 runner (test/load/k6-runtime)');
  return next(specifier, context);
}`;

interface Script {
  options?: { thresholds?: Record<string, (string | { threshold: string })[]> };
  setup?: () => unknown;
  default?: (data: unknown) => void;
  teardown?: (data: unknown) => void;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: 'string', short: 'e', multiple: true, default: [] },
    iterations: { type: 'string', default: '1' },
    'no-time-thresholds': { type: 'boolean', default: false },
    'summary-export': { type: 'string' },
  },
});
const [scriptPath] = positionals;
if (!scriptPath) {
  console.error('usage: k6-runner.ts <script.js> [-e KEY=VALUE]... [--iterations N] [--no-time-thresholds] [--summary-export <file>]');
  process.exit(2);
}

const runtime = new URL('./k6-runtime/', import.meta.url);
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, {
  data: Object.fromEntries(Object.entries(MODULES).map(([specifier, file]) => [specifier, new URL(file, runtime).href])),
});

// k6 run passes the system environment to __ENV, and -e on top.
const env: Record<string, string | undefined> = { ...process.env };
for (const pair of values.env) {
  const at = pair.indexOf('=');
  env[pair.slice(0, at)] = pair.slice(at + 1);
}
const globals = globalThis as Record<string, unknown>;
Object.assign(globals, { __ENV: env, __VU: 0, __ITER: 0 });

const started = Date.now();
const errors: string[] = [];
let script: Script = {};
try {
  script = (await import(pathToFileURL(resolve(scriptPath)).href)) as Script;
  // Setup's data reaches the virtual users as JSON, as in k6.
  const data = JSON.parse(JSON.stringify(script.setup?.() ?? null)) as unknown;
  for (let iteration = 0; iteration < Number(values.iterations); iteration++) {
    Object.assign(globals, { __VU: 1, __ITER: iteration });
    const iterationStarted = performance.now();
    try {
      script.default?.(data);
      add('iterations', 'counter', 1);
    } finally {
      add('iteration_duration', 'trend', performance.now() - iterationStarted, true);
    }
  }
  Object.assign(globals, { __VU: 0 });
  script.teardown?.(data);
} catch (error) {
  errors.push((error as Error).stack ?? String(error));
}
await stopIo();

const elapsedSeconds = (Date.now() - started) / 1000;
const thresholds: (ThresholdResult & { enforced: boolean })[] = [];
for (const [name, list] of Object.entries(script.options?.thresholds ?? {})) {
  const metric = known(name);
  if (!metric) {
    errors.push(`threshold on ${name}: no metric of that name (k6 refuses to start)`);
    continue;
  }
  for (const entry of list) {
    try {
      const result = evaluate(metric, typeof entry === 'string' ? entry : entry.threshold, elapsedSeconds);
      thresholds.push({ ...result, enforced: !(values['no-time-thresholds'] && metric.isTime) });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
}
const checks = allChecks();

for (const c of checks) console.log(`${c.fails ? '✗' : '✓'} ${c.name}: ${c.passes} passed, ${c.fails} failed`);
for (const t of thresholds) {
  const mark = !t.enforced ? '-' : t.ok ? '✓' : '✗';
  console.log(`${mark} ${t.metric} ${t.expression} (${Number.isNaN(t.value) ? 'no samples' : +t.value.toFixed(3)})${t.enforced ? '' : ' not enforced'}`);
}
for (const error of errors) console.error(error);
if (values['summary-export']) {
  const metrics = Object.fromEntries(allMetrics().map((m) => [m.name, { type: m.type, count: m.values.length, sum: m.values.reduce((a, b) => a + b, 0) }]));
  writeFileSync(values['summary-export'], JSON.stringify({ checks, thresholds, metrics, errors }, null, 2));
}

if (errors.length) process.exit(107);
if (thresholds.some((t) => t.enforced && !t.ok)) process.exit(99);
if (checks.some((c) => c.fails > 0)) process.exit(97);
