import 'reflect-metadata';
import { loadConfig } from '@motcua/config';
import { createLogger } from '@motcua/observability';
import { MetricsConfig } from './config/metrics.config';
import { rebuildReadModels } from './rebuild/rebuild';

/**
 * `npm run rebuild -w @motcua/metrics` (with the service stopped): empties the read models, then the next start
 * replays motcua.dossier.v1, motcua.document.v1, motcua.signature.v1 and motcua.citizen.v1 from the beginning.
 */
async function main() {
  const logger = createLogger('metrics-rebuild');
  try {
    const acceptHistoryLoss = process.argv.includes('--accept-history-loss');
    const outcome = await rebuildReadModels(loadConfig(MetricsConfig), 'metrics', { acceptHistoryLoss });
    for (const [topic, history] of Object.entries(outcome.topics)) {
      // Printed for the operator: what the next start will read back.
      process.stdout.write(
        `${topic}: ${history.events} event(s) in ${history.partitions} partition(s)${history.complete ? '' : ' (history before retention lost)'}\n`,
      );
    }
    logger.info(
      outcome,
      'read models emptied and consumer group deleted; start the service to replay the topics',
    );
  } catch (error) {
    logger.fatal({ err: error }, 'rebuild failed');
    process.exitCode = 1;
  }
}

void main();
