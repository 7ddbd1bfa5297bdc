import type { DataSource } from 'typeorm';
import type { ScrapeGaugeSpec } from '@motcua/observability';
import { SignatureJobEntity } from './signature-job.entity';

/**
 * The automatic verification queue (signature_job): pending jobs, and how long the most overdue of those
 * that are due has been waiting for the worker (a job backing off after a failure is not yet due).
 */
export function signatureJobGauges(dataSource: DataSource): ScrapeGaugeSpec[] {
  let pending: Promise<{ depth: number; age: number }> | undefined;
  const read = () => {
    pending ??= dataSource
      .getRepository(SignatureJobEntity)
      .createQueryBuilder('j')
      .select('count(*)::int', 'depth')
      .addSelect(
        'coalesce(extract(epoch from now() - min(j.nextAttemptAt) FILTER (WHERE j.nextAttemptAt <= now())), 0)::float8',
        'age',
      )
      .where("j.status = 'PENDING'")
      .getRawOne<{ depth: number; age: number }>()
      .then((row) => row ?? { depth: 0, age: 0 })
      .finally(() => (pending = undefined));
    return pending;
  };
  return [
    {
      name: 'motcua_verification_queue_depth',
      help: 'Automatic signature verifications waiting (signature_job rows PENDING)',
      read: async () => [{ value: (await read()).depth }],
    },
    {
      name: 'motcua_verification_queue_age_seconds',
      help: 'How long the most overdue due verification job has waited (0 when none is due)',
      read: async () => [{ value: (await read()).age }],
    },
  ];
}
