/** What the closing note reports of one fault: the requests started while it lasted, and how long recovery took after it ended. */
export interface FaultReport {
  fault: string;
  downMs: number;
  answered: number;
  refused: number;
  failed: number;
  /** The slowest answer or refusal while it lasted. */
  slowestMs: number;
  /** Until every process's /health/ready said ok again. */
  readyAfterMs?: number;
  /** Until a subscriber on one instance got an event for engagement recorded through the other. */
  liveEventAfterMs?: number;
  firstWriteAfterMs?: number;
  firstJobAfterMs?: number;
  /** Until every acknowledged generation job had ended (the checks' own time included). */
  jobsFinalAfterMs?: number;
}

export const newReport = (fault: string): FaultReport => ({ fault, downMs: 0, answered: 0, refused: 0, failed: 0, slowestMs: 0 });

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(1));

const COLUMNS: [string, (r: FaultReport) => string][] = [
  ['fault', (r) => r.fault],
  ['down s', (r) => seconds(r.downMs)],
  ['answered', (r) => String(r.answered)],
  ['refused', (r) => String(r.refused)],
  ['failed', (r) => String(r.failed)],
  ['slowest s', (r) => seconds(r.slowestMs)],
  ['ready after s', (r) => seconds(r.readyAfterMs)],
  ['live event after s', (r) => seconds(r.liveEventAfterMs)],
  ['first write after s', (r) => seconds(r.firstWriteAfterMs)],
  ['first job after s', (r) => seconds(r.firstJobAfterMs)],
  ['jobs final after s', (r) => seconds(r.jobsFinalAfterMs)],
];

/** One compact table, a row per fault. */
export function reportTable(reports: FaultReport[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...reports.map((r) => COLUMNS.map(([, cell]) => cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '));
  return ['fault suite: requests started during each fault, and recovery after its end', ...lines].join('\n');
}
