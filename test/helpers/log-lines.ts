import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/infra/logger.js';

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A JSON logger at `level` whose lines a test reads back, parsed, from `lines`. */
export function capturedLogger(level: string): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ level, pretty: false }, destination), lines };
}
