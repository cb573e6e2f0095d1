import type { IncomingMessage } from 'node:http';
import { getOperationAST, Kind, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { viewerUserId, type Context } from '../context.js';
import { requestRecordOf } from '../http/request-scope.js';
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

function operationOf(document: DocumentNode, operationName: string | null | undefined) {
  const operation = getOperationAST(document, operationName);
  const first = operation?.selectionSet.selections[0];
  return {
    name: operation?.name?.value ?? operationName ?? undefined,
    type: (operation?.operation ?? 'query') as OperationType,
    field: first?.kind === Kind.FIELD ? first.name.value : 'unknown',
  };
}

const outcomeOf = (result: ExecutionResult): OperationOutcome => (result.errors?.length ? 'error' : 'ok');

/**
 * Counts and times every executed operation (and every subscription set up over HTTP or
 * WebSocket), keeps the active-subscription gauge by root field, and tells the HTTP access
 * log which operation and user a request was.
 */
export function useOperationMetrics(recorder: OperationRecorder, metrics: Metrics): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const { name, type } = operationOf(args.document, args.operationName);
      const request = requestRecordOf((args.contextValue as { req?: IncomingMessage }).req);
      if (request) {
        request.operationName = recorder.label(name);
        request.operationType = type;
        request.userId = viewerUserId(args.contextValue);
      }
      return {
        onExecuteDone({ result }) {
          const seconds = (performance.now() - started) / 1000;
          recorder.record(name, type, seconds, isAsyncIterable(result) ? 'ok' : outcomeOf(result));
        },
      };
    },
    onSubscribe({ args }) {
      const started = performance.now();
      const { name, field } = operationOf(args.document, args.operationName);
      let active = false;
      const end = () => {
        if (active) metrics.subscriptionsActive.dec({ field });
        active = false;
      };
      return {
        onSubscribeResult({ result }) {
          const seconds = (performance.now() - started) / 1000;
          if (!isAsyncIterable(result)) {
            recorder.record(name, 'subscription', seconds, outcomeOf(result));
            return;
          }
          recorder.record(name, 'subscription', seconds, 'ok');
          metrics.subscriptionsActive.inc({ field });
          active = true;
          return { onEnd: end };
        },
        onSubscribeError: end,
      };
    },
  };
}
