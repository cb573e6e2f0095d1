import { createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, execute } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Viewer } from '../../shared/viewer.js';
import type { Context } from '../context.js';

const viewerKey = (viewer: Viewer | null | undefined) => {
  if (!viewer) return 'anonymous';
  const scopes = [...viewer.scopes].sort().join(',');
  return viewer.kind === 'user' ? `user:${viewer.userId}:${scopes}` : `service:${viewer.name}:${scopes}`;
};

const shareable = (result: ExecutionResult) => !result.errors?.length;

/**
 * Executes a subscription event once for every subscriber who would get the same result, instead of
 * once per subscriber: thousands of subscribers of one generation job otherwise each execute and
 * resolve an identical payload for every event.
 *
 * Subscribers share a result only when they are the same viewer (same user or service and scopes,
 * so every authorisation decision is the same), subscribed with the same document, operation name
 * and variables, and received the same event object within one event-loop turn. That is how one
 * published message reaches every listener on this instance, and how a job's feed hands the same
 * event to every subscriber who keeps up (see follow-job). Events are matched by identity, not by
 * content: comparing contents would cost a serialisation of every event for every subscriber. The
 * subscribe resolver still runs per subscriber, so who may subscribe is decided per subscriber as
 * before. A result with errors is never shared: its errors carry the request id of the subscriber
 * they were executed for.
 */
export function useSharedSubscriptionExecution(): Plugin<Context> {
  const documents = new WeakMap<DocumentNode, number>();
  let documentCount = 0;
  const thisTurn = new Map<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  let clearing: NodeJS.Immediate | undefined;
  const remember = (event: object, operation: string, result: ExecutionResult | Promise<ExecutionResult>) => {
    let results = thisTurn.get(event);
    if (!results) thisTurn.set(event, (results = new Map()));
    results.set(operation, result);
    if (clearing === undefined)
      clearing = setImmediate(() => {
        thisTurn.clear();
        clearing = undefined;
      });
  };

  const operationKey = (args: ExecutionArgs) => {
    let id = documents.get(args.document);
    if (id === undefined) documents.set(args.document, (id = ++documentCount));
    return `${id}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${viewerKey((args.contextValue as Partial<Context>).viewer)}`;
  };

  const executeEvent = (args: ExecutionArgs, operation: string, event: unknown) => {
    const own = () => execute({ ...args, rootValue: event });
    if (typeof event !== 'object' || event === null) return own();
    const earlier = thisTurn.get(event)?.get(operation);
    if (earlier) return Promise.resolve(earlier).then((result) => (shareable(result) ? result : own()));
    const result = own();
    remember(event, operation, result);
    return result;
  };

  const subscribe = async (args: ExecutionArgs) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const operation = operationKey(args);
    return mapAsyncIterator(source, (event) => executeEvent(args, operation, event));
  };

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}
