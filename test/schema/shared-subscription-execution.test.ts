import type { ExecutionResult } from 'graphql';
import { createPubSub, createSchema, createYoga, isAsyncIterable } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useSharedSubscriptionExecution } from '../../src/graphql/plugins/use-shared-subscription-execution.js';
import type { Viewer } from '../../src/shared/viewer.js';

const viewers: Record<string, Viewer> = {
  alice: { kind: 'user', userId: 'alice', sessionId: 's-alice', scopes: new Set() },
  bob: { kind: 'user', userId: 'bob', sessionId: 's-bob', scopes: new Set() },
};

/** A schema whose `secret` only its owner may read, and which counts how often it is resolved. */
function server() {
  const pubsub = createPubSub<{ tick: [{ n: number }] }>();
  const resolved = { secret: 0 };
  const schema = createSchema<{ viewer: Viewer | null }>({
    typeDefs: /* GraphQL */ `
      type Query { ok: Boolean }
      type Tick { n: Int! secret: String }
      type Subscription { ticks(label: String): Tick! }
    `,
    resolvers: {
      Subscription: { ticks: { subscribe: () => pubsub.subscribe('tick'), resolve: (tick: { n: number }) => tick } },
      Tick: {
        secret: (tick: { n: number }, _args: unknown, ctx: { viewer: Viewer | null }) => {
          resolved.secret++;
          return ctx.viewer?.kind === 'user' && ctx.viewer.userId === 'alice' ? `alice's secret ${tick.n}` : null;
        },
      },
    },
  });
  const yoga = createYoga({
    schema,
    plugins: [useSharedSubscriptionExecution()],
    context: ({ request }) => ({ viewer: viewers[request.headers.get('x-viewer') ?? ''] ?? null }),
  });
  const subscribe = async (viewer: string, label = 'a') => {
    const request = new Request('http://localhost/graphql', { method: 'POST', headers: { 'x-viewer': viewer } });
    const enveloped = yoga.getEnveloped({ request });
    const document = enveloped.parse('subscription Ticks($label: String) { ticks(label: $label) { n secret } }');
    const contextValue = await enveloped.contextFactory();
    const stream = await enveloped.subscribe({ schema: enveloped.schema, document, contextValue, variableValues: { label } });
    if (!isAsyncIterable(stream)) throw new Error('expected a stream');
    return (stream as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  };
  return { subscribe, publish: (n: number) => pubsub.publish('tick', { n }), resolved };
}

describe('shared subscription execution', () => {
  it('executes an event once for subscribers who are the same viewer with the same operation', async () => {
    const { subscribe, publish, resolved } = server();
    const subscribers = await Promise.all([subscribe('alice'), subscribe('alice'), subscribe('alice')]);
    const next = subscribers.map((s) => s.next());
    await new Promise((resolve) => setImmediate(resolve));
    publish(1);
    const results = await Promise.all(next);

    expect(results.map((r) => r.value)).toEqual(Array(3).fill({ data: { ticks: { n: 1, secret: "alice's secret 1" } } }));
    expect(resolved.secret).toBe(1);
    await Promise.all(subscribers.map((s) => s.return?.()));
  });

  it('never gives one viewer a result executed for another, nor shares across variables', async () => {
    const { subscribe, publish, resolved } = server();
    const [alice, bob, aliceOtherLabel] = await Promise.all([subscribe('alice'), subscribe('bob'), subscribe('alice', 'b')]);
    const next = Promise.all([alice.next(), bob.next(), aliceOtherLabel.next()]);
    await new Promise((resolve) => setImmediate(resolve));
    publish(2);
    const [forAlice, forBob, forAliceOtherLabel] = await next;

    expect(forAlice.value).toEqual({ data: { ticks: { n: 2, secret: "alice's secret 2" } } });
    expect(forBob.value).toEqual({ data: { ticks: { n: 2, secret: null } } });
    expect(forAliceOtherLabel.value).toEqual(forAlice.value);
    expect(resolved.secret).toBe(3);
    await Promise.all([alice, bob, aliceOtherLabel].map((s) => s.return?.()));
  });
});
