import { type DocumentNode, type ExecutionResult, getOperationAST, Kind } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Metrics } from '../../infra/metrics.js';
import type { ServerContext } from '../../server-context.js';
import { viewerUserId } from '../../shared/viewer.js';
import type { Context } from '../context.js';
import type { OperationOutcome, OperationRecorder, OperationType } from '../operation-recorder.js';

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
      const note = (args.contextValue as Partial<ServerContext>).edge?.note;
      if (note) {
        note.operationName = recorder.label(name);
        note.operationType = type;
        note.userId = viewerUserId(args.contextValue);
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
