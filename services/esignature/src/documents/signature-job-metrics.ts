import type { DataSource } from 'typeorm';
import { gaugesOfOneReading, type ScrapeGaugeSpec } from '@motcua/observability';
import { SignatureJobEntity } from './signature-job.entity';

/**
 * The automatic verification queue (signature_job): pending jobs, and how long the most overdue of those
 * that are due has been waiting for the worker (a job backing off after a failure is not yet due).
 */
export function signatureJobGauges(dataSource: DataSource): ScrapeGaugeSpec[] {
  const read = async () =>
    (await dataSource
      .getRepository(SignatureJobEntity)
      .createQueryBuilder('j')
      .select('count(*)::int', 'depth')
      .addSelect(
        'coalesce(extract(epoch from now() - min(j.nextAttemptAt) FILTER (WHERE j.nextAttemptAt <= now())), 0)::float8',
        'age',
      )
      .where("j.status = 'PENDING'")
      .getRawOne<{ depth: number; age: number }>()) ?? { depth: 0, age: 0 };
  return gaugesOfOneReading(read, [
    {
      name: 'motcua_verification_queue_depth',
      help: 'Automatic signature verifications waiting (signature_job rows PENDING)',
      value: (row) => row.depth,
    },
    {
      name: 'motcua_verification_queue_age_seconds',
      help: 'How long the most overdue due verification job has waited (0 when none is due)',
      value: (row) => row.age,
    },
  ]);
}
