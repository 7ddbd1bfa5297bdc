import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Client as MinioClient } from 'minio';
import {
  dropServiceDatabase,
  provisionServiceDatabase,
  ServiceDatabaseRoles,
  serviceRoles,
} from '@motcua/persistence';
import { databaseUrlsFor, InfraEnv, loadInfraEnv } from '@motcua/dev-stack';
import { createObjectStorageClient } from '@motcua/object-storage';

/**
 * What one test file gets on the shared real infrastructure: its own Postgres schema and roles,
 * its own Kafka topic prefix and its own S3 bucket, all removed by `cleanup()`.
 */
export interface TestIsolation {
  infra: InfraEnv;
  id: string;
  schema: string;
  roles: ServiceDatabaseRoles;
  /** The service's least-privileged role. */
  appDatabaseUrl: string;
  /** The schema owner, which runs migrations. */
  ownerDatabaseUrl: string;
  topicPrefix: string;
  bucket: string;
  /** Environment for a service process or config object confined to this isolation. */
  serviceEnv(extra?: Record<string, string>): Record<string, string>;
  cleanup(): Promise<void>;
}

export function minioClientFor(infra: InfraEnv): MinioClient {
  return createObjectStorageClient({
    S3_ENDPOINT: infra.s3Endpoint,
    S3_REGION: infra.s3Region,
    S3_ACCESS_KEY: infra.s3AccessKey,
    S3_SECRET_KEY: infra.s3SecretKey,
    S3_BUCKET: '',
  });
}

export async function createTestIsolation(label: string): Promise<TestIsolation> {
  const infra = loadInfraEnv();
  const id = `${label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 20)}${randomBytes(4).toString('hex')}`;
  const schema = `t_${id}`;
  const roles = serviceRoles(schema, infra.pgAppPassword);
  await provisionServiceDatabase(infra.pgAdminUrl, roles);
  const urls = databaseUrlsFor(infra, roles);
  const topicPrefix = `t.${id}.`;
  const bucket = `t-${id}`.slice(0, 63);
  const appDatabaseUrl = urls.app;
  const ownerDatabaseUrl = urls.owner;

  return {
    infra,
    id,
    schema,
    roles,
    appDatabaseUrl,
    ownerDatabaseUrl,
    topicPrefix,
    bucket,
    serviceEnv: (extra = {}) => ({
      DATABASE_URL: appDatabaseUrl,
      DATABASE_MIGRATION_URL: ownerDatabaseUrl,
      DATABASE_SCHEMA: schema,
      KAFKA_BROKERS: infra.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      S3_ENDPOINT: infra.s3Endpoint,
      S3_REGION: infra.s3Region,
      S3_ACCESS_KEY: infra.s3AccessKey,
      S3_SECRET_KEY: infra.s3SecretKey,
      S3_BUCKET: bucket,
      AUTH_JWT_PUBLIC_KEY: infra.jwtPublicKeyPem,
      AUTH_JWT_ISSUER: infra.jwtIssuer,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...extra,
    }),
    cleanup: async () => {
      await dropServiceDatabase(infra.pgAdminUrl, roles);
      await deleteTopicsWithPrefix(infra.kafkaBrokers, topicPrefix);
      await removeBucket(minioClientFor(infra), bucket);
    },
  };
}

export async function deleteTopicsWithPrefix(brokers: string, prefix: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'motcua-test-cleanup',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

export async function removeBucket(client: MinioClient, bucket: string): Promise<void> {
  if (!(await client.bucketExists(bucket).catch(() => false))) return;
  const names: string[] = [];
  for await (const item of client.listObjectsV2(bucket, '', true)) if (item.name) names.push(item.name);
  if (names.length) await client.removeObjects(bucket, names);
  await client.removeBucket(bucket);
}
