import type { Redis } from 'ioredis';

type Listener = (event: CustomEvent) => void;

/** What graphql-yoga's createPubSub needs of an event target. */
export interface TopicEventTarget {
  addEventListener(type: string, callback: EventListenerOrEventListenerObject | null): void;
  removeEventListener(type: string, callback: EventListenerOrEventListenerObject | null): void;
  dispatchEvent(event: Event): boolean;
}

const listenerOf = (callback: EventListenerOrEventListenerObject): Listener =>
  ('handleEvent' in callback ? (event: Event) => callback.handleEvent(event) : callback) as Listener;

/**
 * Topics carried over Redis pub/sub, so an event reaches subscribers on every instance. Channels are
 * `<prefix><topic>`, like every other key, so deployments sharing one Redis never see each other's.
 *
 * Redis down never throws into the caller: a publish that fails is delivered to this instance's own
 * subscribers (through the same JSON as Redis, so they see the same shapes), and channels whose
 * SUBSCRIBE failed are subscribed again when the connection is back. `onError` hears each failure.
 * (@graphql-yoga/redis-event-target leaves its publish and subscribe promises unhandled: an outage
 * ended the process with an unhandled rejection.)
 */
export function createRedisEventTarget(publisher: Redis, subscriber: Redis, prefix: string, onError: (error: unknown) => void): TopicEventTarget {
  const listeners = new Map<string, Map<EventListenerOrEventListenerObject, Listener>>();

  const deliver = (channel: string, message: string) => {
    const callbacks = listeners.get(channel);
    if (!callbacks) return;
    const event = new CustomEvent(channel, { detail: message === '' ? null : JSON.parse(message) });
    for (const listener of callbacks.values()) listener(event);
  };
  subscriber.on('message', deliver);
  subscriber.on('ready', () => {
    if (listeners.size) subscriber.subscribe(...listeners.keys()).catch(onError);
  });

  return {
    addEventListener(type, callback) {
      if (!callback) return;
      const channel = prefix + type;
      let callbacks = listeners.get(channel);
      if (!callbacks) {
        listeners.set(channel, (callbacks = new Map()));
        if (subscriber.status === 'ready') subscriber.subscribe(channel).catch(onError);
      }
      callbacks.set(callback, listenerOf(callback));
    },
    removeEventListener(type, callback) {
      const channel = prefix + type;
      const callbacks = listeners.get(channel);
      if (!callback || !callbacks?.delete(callback) || callbacks.size) return;
      listeners.delete(channel);
      if (subscriber.status === 'ready') subscriber.unsubscribe(channel).catch(onError);
    },
    dispatchEvent(event) {
      const channel = prefix + event.type;
      const detail = (event as CustomEvent).detail;
      const message = detail === undefined ? '' : JSON.stringify(detail);
      publisher.publish(channel, message).catch((error: unknown) => {
        onError(error);
        deliver(channel, message);
      });
      return true;
    },
  };
}
