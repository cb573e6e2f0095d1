import type { Metrics } from '../infra/metrics.js';

export type OperationType = 'query' | 'mutation' | 'subscription';
export type OperationOutcome = 'ok' | 'error';

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export interface OperationRecorder {
  /** The label for a client-chosen operation name: "anonymous", the name, or "other" past the cap. */
  label(name: string | null | undefined): string;
  record(name: string | null | undefined, type: OperationType, seconds: number, outcome: OperationOutcome): void;
  /** A response served from the cache without execution still counts as an operation. */
  recordCached(name: string | null | undefined, type: OperationType, seconds: number): void;
}

/** Operation names are chosen by clients: only the first `maxNames` distinct ones get their own series. */
export function createOperationRecorder(metrics: Metrics, maxNames = 200): OperationRecorder {
  const seen = new Set<string>();
  const label = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= maxNames) return 'other';
    seen.add(name);
    return name;
  };
  const record = (name: string | null | undefined, type: OperationType, seconds: number, outcome: OperationOutcome) => {
    const operation = label(name);
    metrics.graphqlOperations.inc({ operation, type, outcome });
    metrics.graphqlOperationDuration.observe({ operation, type }, seconds);
  };
  return { label, record, recordCached: (name, type, seconds) => record(name, type, seconds, 'ok') };
}
