import { Metric, register } from 'prom-client';

/** prom-client refuses a second metric of one name; services and tests may build several relays/consumers. */
export function getOrCreateMetric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
