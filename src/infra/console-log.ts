import { prettyFactory } from 'pino-pretty';
import { ACCESS_LOG_MESSAGE } from './access-log.js';

type LogLine = Record<string, unknown>;

/** "POST /graphql 200 12.3 ms query Feed (user 42)": what a developer scans the console for. */
function accessLine(log: LogLine): string {
  const operation = log.operationName ? ` ${log.operationType} ${log.operationName}` : '';
  const user = log.userId ? ` (user ${log.userId})` : '';
  return `${log.method} ${log.route} ${log.status} ${log.durationMs} ms${operation}${user}`;
}

/**
 * The development console: every line pretty printed, the access log as one line per request (its
 * fields are in the message), everything else with its fields below it. Synchronous, so the last
 * lines before a crash are not lost.
 */
export function developmentConsole(colorize = process.stdout.isTTY ?? false) {
  const common = { colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' };
  const access = prettyFactory({ ...common, hideObject: true, messageFormat: (log) => accessLine(log) });
  const other = prettyFactory(common);
  return {
    write(json: string) {
      const log = JSON.parse(json) as LogLine;
      process.stdout.write((log.msg === ACCESS_LOG_MESSAGE ? access : other)(log));
    },
  };
}
