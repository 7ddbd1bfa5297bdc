import type { Kafka } from 'kafkajs';
import { InboxConsumer } from '../src/inbox-consumer';
import {
  InboxConsumerRegistry,
  MessagingLifecycle,
  type MessagingModuleOptions,
} from '../src/messaging.module';

/** A consumer whose group join never completes, as after a crash until the dead member's session expires. */
function consumerStuckJoining() {
  const calls: string[] = [];
  const consumer = {
    name: 'stuck',
    topics: [] as string[],
    brokerTopics: () => [],
    start: () => {
      calls.push('start');
      return new Promise<void>(() => undefined);
    },
    startInBackground: () => void calls.push('startInBackground'),
    state: () => 'joining',
  };
  return { consumer: consumer as unknown as InboxConsumer, calls };
}

describe('MessagingLifecycle', () => {
  it('finishes bootstrap (so HTTP listens) without waiting for any consumer group to join', async () => {
    const registry = new InboxConsumerRegistry();
    const stuck = [consumerStuckJoining(), consumerStuckJoining()];
    registry.consumers.push(...stuck.map((s) => s.consumer));
    const lifecycle = new MessagingLifecycle(
      { createTopics: false } as unknown as MessagingModuleOptions,
      {} as Kafka,
      registry,
    );
    const bootstrapped = await Promise.race([
      lifecycle.onApplicationBootstrap().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 1000)),
    ]);
    expect(bootstrapped).toBe(true);
    expect(stuck.map((s) => s.calls)).toEqual([['startInBackground'], ['startInBackground']]);
    expect(registry.notConsuming()).toEqual({ stuck: 'joining' });
  });
});
