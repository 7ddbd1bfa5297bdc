import { HttpException } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { getOrCreateMetric } from '@motcua/observability';

export type UploadKind = 'document' | 'version';

const duration = () =>
  getOrCreateMetric(
    'motcua_upload_duration_seconds',
    () =>
      new Histogram({
        name: 'motcua_upload_duration_seconds',
        help: 'Document uploads from the first byte to the stored document, by outcome (stored, refused, failed)',
        labelNames: ['kind', 'outcome'],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      }),
  );

const bytes = () =>
  getOrCreateMetric(
    'motcua_upload_bytes_total',
    () =>
      new Counter({
        name: 'motcua_upload_bytes_total',
        help: 'Bytes of the documents stored by uploads',
        labelNames: ['kind'],
      }),
  );

/** Declares both metrics at start-up, so that a scrape shows them before the first upload. */
export function declareUploadMetrics(): void {
  duration();
  bytes();
}

/** Times one upload; a refusal (4xx) is told apart from a failure, so that the dashboard shows both. */
export async function measureUpload<T extends { size: number }>(
  kind: UploadKind,
  upload: () => Promise<T>,
): Promise<T> {
  const end = duration().startTimer({ kind });
  try {
    const stored = await upload();
    end({ outcome: 'stored' });
    bytes().inc({ kind }, stored.size);
    return stored;
  } catch (error) {
    const refused = error instanceof HttpException && error.getStatus() < 500;
    end({ outcome: refused ? 'refused' : 'failed' });
    throw error;
  }
}
