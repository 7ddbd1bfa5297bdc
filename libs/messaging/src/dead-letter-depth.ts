import { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import { deadLetterTopicOf } from '@motcua/contracts';
import { DeadLetters } from './dead-letters';
import { KafkaSettings } from './kafka';
import { getOrCreateMetric } from './metrics';

const REFRESH_MS = 30_000;

/**
 * `motcua_dead_letter_depth{topic}`: dead letters of the topics this service consumes that nobody replayed yet
 * (messages in `<topic>.dlt` minus records in `<topic>.dlt.replays`). Anything above 0 deserves an alert.
 */
export class DeadLetterDepthGauge {
  private readonly gauge: Gauge<'topic'>;
  private readonly letters: DeadLetters;
  private timer: NodeJS.Timeout | undefined;
  private admin: Admin | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    settings: Pick<KafkaSettings, 'topicPrefix'>,
    private readonly topics: string[],
    private readonly logger: Logger,
  ) {
    this.letters = new DeadLetters(kafka, settings);
    this.gauge = getOrCreateMetric(
      'motcua_dead_letter_depth',
      () =>
        new Gauge({
          name: 'motcua_dead_letter_depth',
          help: 'Dead-lettered messages not replayed yet, per dead-letter topic',
          labelNames: ['topic'],
        }),
    );
  }

  start(): void {
    const tick = () => {
      this.refreshing = this.refresh();
    };
    tick();
    this.timer = setInterval(tick, REFRESH_MS);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      for (const topic of this.topics) {
        this.gauge.set({ topic: deadLetterTopicOf(topic) }, await this.letters.depth(topic, this.admin));
      }
    } catch (error) {
      // Kafka away: the gauge keeps its last value; readiness reports Kafka itself.
      this.logger.debug({ err: error }, 'dead-letter depth not refreshed');
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    await this.admin?.disconnect().catch(() => undefined);
  }
}
