import { userInfo } from 'node:os';
import { IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { loadConfig } from '@motcua/config';
import { Topics } from '@motcua/contracts';
import { createLogger } from '@motcua/observability';
import { DeadLetter, DeadLetters } from './dead-letters';
import { createKafka } from './kafka';

/** What the tool needs: the same Kafka variables as the services (so it runs in any service's container). */
class DeadLetterToolConfig {
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^[a-zA-Z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX = '';

  /** Who replays, for the record; defaults to the OS user. */
  @IsOptional()
  @IsString()
  DLT_OPERATOR = '';
}

const USAGE = `usage: dlt list [topic]
       dlt show <topic> <partition> <offset>
       dlt replay <topic> (--all | <partition> <offset> | <partition> <from>-<to>) [--note <text>]
topics: ${Object.values(Topics).join(', ')} (the .dlt suffix is implied)`;

function line(letter: DeadLetter): string {
  return [
    `${letter.topic}/${letter.partition}/${letter.offset}`,
    letter.replayed ? 'REPLAYED' : 'PENDING ',
    letter.eventType ?? '-',
    letter.eventId ?? '-',
    letter.reason ?? '-',
    (letter.error ?? '').slice(0, 120),
  ].join('  ');
}

function baseTopic(name: string | undefined): string {
  if (!name) throw new Error(USAGE);
  const topic = name.replace(/\.dlt$/, '');
  if (!(Object.values(Topics) as string[]).includes(topic))
    throw new Error(`unknown topic ${name}\n${USAGE}`);
  return topic;
}

/** Which dead letters of one partition an argument (`7` or `3-9`) names. */
export function offsetSelector(partition: string, range: string): (letter: DeadLetter) => boolean {
  const match = /^(\d+)(?:-(\d+))?$/.exec(range ?? '');
  if (!/^\d+$/.test(partition ?? '') || !match) throw new Error(USAGE);
  const from = BigInt(match[1]);
  const to = BigInt(match[2] ?? match[1]);
  return (l) => l.partition === Number(partition) && BigInt(l.offset) >= from && BigInt(l.offset) <= to;
}

export async function runDeadLetterTool(
  args: string[],
  out: (text: string) => void = console.log,
): Promise<void> {
  const config = loadConfig(DeadLetterToolConfig);
  const logger = createLogger('dlt', 'error');
  const kafka = createKafka(
    { clientId: 'motcua-dlt', brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX },
    logger,
  );
  const letters = new DeadLetters(kafka, { topicPrefix: config.KAFKA_TOPIC_PREFIX });
  const [command, ...rest] = args;
  if (command === 'list') {
    const topics = rest[0] ? [baseTopic(rest[0])] : Object.values(Topics);
    for (const topic of topics) {
      const listed = await letters.list(topic);
      const pending = listed.filter((l) => !l.replayed).length;
      out(`${topic}.dlt: ${listed.length} dead letter(s), ${pending} not replayed`);
      for (const letter of listed) out(`  ${line(letter)}`);
    }
    return;
  }
  if (command === 'show') {
    const select = offsetSelector(rest[1], rest[2]);
    const found = (await letters.list(baseTopic(rest[0]))).find(select);
    if (!found) throw new Error(`no dead letter ${rest.join(' ')}`);
    out(JSON.stringify({ ...found, value: found.value ? JSON.parse(found.value) : null }, null, 2));
    return;
  }
  if (command === 'replay') {
    const topic = baseTopic(rest[0]);
    const noteAt = rest.indexOf('--note');
    const note = noteAt >= 0 ? rest[noteAt + 1] : undefined;
    const select = rest[1] === '--all' ? () => true : offsetSelector(rest[1], rest[2]);
    const by = config.DLT_OPERATOR || userInfo().username;
    const replayed = await letters.replay(topic, select, by, note);
    out(
      `replayed ${replayed.length} dead letter(s) of ${topic}.dlt into ${topic} (recorded in ${topic}.dlt.replays, by ${by})`,
    );
    for (const letter of replayed) out(`  ${line(letter)}`);
    return;
  }
  throw new Error(USAGE);
}

if (require.main === module) {
  runDeadLetterTool(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(error.message.startsWith('usage') ? 2 : 1);
    },
  );
}
