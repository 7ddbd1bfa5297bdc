import { Client } from 'minio';
import type { ReadinessCheck } from '@motcua/observability';

export interface ObjectStorageSettings {
  S3_ENDPOINT: string;
  S3_REGION: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_BUCKET: string;
}

/** Nest injection token of the service's S3 client. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Path-style S3 client: works the same against MinIO, S3Proxy and AWS (services never depend on which). */
export function createObjectStorageClient(settings: ObjectStorageSettings): Client {
  const url = new URL(settings.S3_ENDPOINT);
  const secure = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    useSSL: secure,
    accessKey: settings.S3_ACCESS_KEY,
    secretKey: settings.S3_SECRET_KEY,
    region: settings.S3_REGION,
    pathStyle: true,
  });
}

export async function ensureBucket(client: Client, bucket: string, region: string): Promise<void> {
  if (await client.bucketExists(bucket)) return;
  try {
    await client.makeBucket(bucket, region);
  } catch (error) {
    // Another replica created it meanwhile.
    const code = (error as { code?: string }).code;
    if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
  }
}

export function objectStorageReadiness(client: Client, bucket: string): ReadinessCheck {
  return {
    name: 's3',
    check: async () => {
      if (!(await client.bucketExists(bucket))) throw new Error(`bucket ${bucket} does not exist`);
    },
  };
}
