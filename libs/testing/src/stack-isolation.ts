import { randomBytes } from 'node:crypto';
import {
  InfraEnv,
  loadInfraEnv,
  prepareStack,
  RunningStack,
  STACK_SERVICES,
  StackOptions,
  startStack,
} from '@motcua/dev-stack';
import { dropServiceDatabase, serviceRoles } from '@motcua/persistence';
import { deleteTopicsWithPrefix, minioClientFor, removeBucket } from './isolation';
import { writeTestLogLine } from './test-logs';

export interface IsolatedStack {
  infra: InfraEnv;
  stack: RunningStack;
  options: StackOptions;
  stop(): Promise<void>;
}

/**
 * All six services as real processes (from their built dist/) on the real infrastructure, with schemas,
 * topics and bucket of their own, so an end-to-end test never sees another run's data.
 */
export async function startIsolatedStack(
  label: string,
  portBase: number,
  logLevel = process.env.TEST_LOG_LEVEL ?? 'warn',
  /** Only these services (a test that needs two of the six starts faster); default: all six. */
  only?: string[],
  /** Extra environment per service name (e.g. an OTLP endpoint). */
  extraEnv?: Record<string, Record<string, string>>,
): Promise<IsolatedStack> {
  const infra = loadInfraEnv();
  const id = `${label}${randomBytes(3).toString('hex')}`;
  const options: StackOptions = {
    infra,
    // MOTCUA_TEST_PORT_OFFSET lets several checkouts run their e2e tests side by side on one machine.
    portBase: portBase + Number(process.env.MOTCUA_TEST_PORT_OFFSET ?? 0),
    schemaPrefix: `e2e_${id}_`,
    topicPrefix: `e2e.${id}.`,
    bucket: `e2e-${id}`,
    logLevel,
    only,
    extraEnv,
    onOutput: (service, line) => {
      if (logLevel !== 'silent') writeTestLogLine(service, line);
    },
  };
  await prepareStack(options);
  const stack = await startStack(options);
  return {
    infra,
    stack,
    options,
    stop: async () => {
      await stack.stop();
      for (const service of STACK_SERVICES.filter((s) => s.schema)) {
        await dropServiceDatabase(
          infra.pgAdminUrl,
          serviceRoles(`${options.schemaPrefix}${service.schema}`, infra.pgAppPassword),
        );
      }
      await deleteTopicsWithPrefix(infra.kafkaBrokers, options.topicPrefix!);
      await removeBucket(minioClientFor(infra), options.bucket!);
    },
  };
}
