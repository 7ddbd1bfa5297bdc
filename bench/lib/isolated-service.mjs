// One motcua service started alone for a benchmark, in a schema, topic prefix (and bucket) of its own, with a
// development token for it; cleanup() stops it and drops what it made. Call after build() and ensureInfrastructure().
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { importPKCS8, SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { root } from '../../scripts/lib/infra.mjs';

const require = createRequire(import.meta.url);
const { loadInfraEnv, prepareStack, startStack, stackServiceEnv, STACK_SERVICES } = require(
  join(root, 'libs/dev-stack/dist/index.js'),
);
const { dropServiceDatabase, serviceRoles } = require(join(root, 'libs/persistence/dist/index.js'));

/**
 * @param {string} name the service (a STACK_SERVICES name)
 * @param {{ portBase: number, replicas?: number, bucket?: (id: string) => string, env?: Record<string, string>, onOutput?: (service: string, line: string) => void }} settings
 * `replicas` > 1 starts more processes of the service on the same schema, topics and bucket (ports 100 apart), as a
 * deployment with several replicas would run.
 */
export async function startIsolatedService(name, settings) {
  const service = STACK_SERVICES.find((s) => s.name === name);
  const infra = loadInfraEnv();
  const id = randomUUID().slice(0, 6);
  const options = {
    infra,
    portBase: settings.portBase,
    schemaPrefix: `bench_${id}_`,
    topicPrefix: `bench.${id}.`,
    ...(settings.bucket ? { bucket: settings.bucket(id) } : {}),
    ...(settings.env ? { extraEnv: { [name]: settings.env } } : {}),
    only: [name],
    logLevel: 'warn',
    onOutput: settings.onOutput ?? (() => {}),
  };
  console.error(`bench: preparing an isolated ${name} (schema ${options.schemaPrefix}${service.schema}) ...`);
  await prepareStack(options);
  const stack = await startStack(options);
  const replicas = [stack];
  for (let k = 1; k < (settings.replicas ?? 1); k += 1)
    replicas.push(await startStack({ ...options, portBase: settings.portBase + 100 * k }));
  const privateKey = await importPKCS8(infra.jwtPrivateKeyPem, 'ES256');
  let stopped = false;
  return {
    id,
    infra,
    options,
    stack,
    url: stack.url(name),
    pid: stack.services[0].process.pid,
    urls: replicas.map((r) => r.url(name)),
    pids: replicas.map((r) => r.services[0].process.pid),
    env: stackServiceEnv(service, options),
    /** A development token for the service under test. */
    token: (role, agency, subject = `bench-${role}`) =>
      new SignJWT({ roles: [role], agency })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject(subject)
        .setIssuer(infra.jwtIssuer)
        .setAudience('motcua')
        .setExpirationTime('1h')
        .sign(privateKey),
    /** Stops the service (idempotent), so a baseline can run on an idle machine. */
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(replicas.map((r) => r.stop()));
    },
    /** Stops the service and drops its schema, roles and topics (keepSchema: leave the schema for a look). */
    async cleanup({ keepSchema = false } = {}) {
      await this.stop();
      if (!keepSchema)
        await dropServiceDatabase(
          infra.pgAdminUrl,
          serviceRoles(`${options.schemaPrefix}${service.schema}`, infra.pgAppPassword),
        );
      const admin = new Kafka({
        clientId: 'bench-cleanup',
        brokers: infra.kafkaBrokers.split(','),
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(options.topicPrefix));
        if (topics.length) await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    },
  };
}
