import { DynamicModule, ForwardReference, InjectionToken, Type } from '@nestjs/common';
import type { EntitySchema, MixedList } from 'typeorm';
import { Topic } from '@motcua/contracts';
import { BaseServiceConfig } from '@motcua/config';
import type { ReadinessCheck, ScrapeGaugeSpec } from '@motcua/observability';

export type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** What makes one motcua service different from another; the wiring they share lives here once. */
export interface ServiceDefinition<C extends BaseServiceConfig = BaseServiceConfig> {
  /** Short name: log field, metrics label, Kafka group prefix. */
  name: string;
  title: string;
  description: string;
  config: new () => C;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Topics the service writes to through its outbox. */
  publishes?: Topic[];
  /** The service's business-area modules. */
  features: (config: C) => ModuleImport[];
  /** Readiness checks beyond Postgres and Kafka (e.g. S3). */
  extraReadiness?: (config: C) => {
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => ReadinessCheck[];
  };
  /** The service owns national resources: it serves `GET /change-log` (list ChangeLogEntity in
   * `entities` and create the table with createChangeLogTable in a migration). */
  changeLog?: boolean;
  /** Gauges read at scrape time beyond the outbox and consumer lag every service reports. */
  gauges?: (config: C) => {
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => ScrapeGaugeSpec[];
  };
  /** Largest JSON body (express limit syntax); defaults to 1mb. */
  jsonLimit?: string;
}
