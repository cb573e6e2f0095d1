import { SpanKind } from '@opentelemetry/api';
import { ATTR_DB_COLLECTION_NAME, ATTR_DB_OPERATION_NAME, ATTR_DB_QUERY_TEXT, ATTR_DB_SYSTEM_NAME } from '@opentelemetry/semantic-conventions';
import type pg from 'pg';
import type { Metrics } from '../metrics.js';
import { startSpan } from '../tracing.js';
import type { Database } from './database.js';

const ACTIONS = new Set(['select', 'insert', 'update', 'delete']);
const FIRST_TABLE = /\b(?:from|into|update|join)\s+(?:"?\w+"?\.)?"?(\w+)"?/i;
const MAX_MODELS = 50;

/**
 * Labels for one SQL statement: the action is its verb (select, insert, update, delete, other)
 * and the model its first table, or "none" (BEGIN, SELECT 1). Table names come from our own
 * schema, but raw SQL could name anything, so only the first MAX_MODELS get their own label.
 */
export function statementLabeler() {
  const models = new Set<string>();
  return (sql: string) => {
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
    const action = ACTIONS.has(verb) ? verb : 'other';
    let model = FIRST_TABLE.exec(sql)?.[1]?.toLowerCase() ?? 'none';
    if (!models.has(model)) {
      if (models.size >= MAX_MODELS) model = 'other';
      else models.add(model);
    }
    return { model, action };
  };
}

/** Times every statement (metrics and, with tracing on, a span under the current request). */
export function observeQueries(db: Database, metrics: Metrics): () => void {
  const labels = statementLabeler();
  const system = db.kind === 'postgres' ? 'postgresql' : 'pglite';
  return db.onQuery(({ sql, durationMs }) => {
    const { model, action } = labels(sql);
    metrics.dbQueryDuration.observe({ model, action }, durationMs / 1000);
    const span = startSpan(
      `db.${action} ${model}`,
      { [ATTR_DB_SYSTEM_NAME]: system, [ATTR_DB_OPERATION_NAME]: action, [ATTR_DB_COLLECTION_NAME]: model, [ATTR_DB_QUERY_TEXT]: sql },
      { kind: SpanKind.CLIENT, startTime: Date.now() - durationMs },
    );
    span?.end();
  });
}

/** Pool gauges read from the pg pool when Prometheus scrapes, so they are never stale. */
export function observePool(pool: pg.Pool, maxConnections: number, metrics: Metrics) {
  metrics.dbPoolMax.set(maxConnections);
  metrics.samplePoolWith(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
}
