import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  HealthController,
  MetricsController,
  READINESS_CHECKS,
  TracingShutdown,
} from '@motcua/observability';
import { PopulationRegistryStubConfig } from './config/population-registry-stub.config';
import { FaultInjectionInterceptor } from './faults/fault-injection.interceptor';
import { FaultsController } from './faults/faults.controller';
import { FaultsService } from './faults/faults.service';
import { PopulationRepository } from './population/population.repository';
import { RegistryController } from './registry/registry.controller';
import { RegistryService } from './registry/registry.service';
import { SampleController } from './registry/sample.controller';
import { STUB_CONFIG, STUB_LOGGER } from './tokens';

/** Has no dependencies to wait for: ready as soon as it listens (the population is built at boot). */
@Module({})
export class PopulationRegistryStubModule {
  static forRoot(config: PopulationRegistryStubConfig, logger: Logger): DynamicModule {
    return {
      module: PopulationRegistryStubModule,
      controllers: [
        HealthController,
        MetricsController,
        RegistryController,
        SampleController,
        FaultsController,
      ],
      providers: [
        { provide: READINESS_CHECKS, useValue: [] },
        { provide: STUB_CONFIG, useValue: config },
        { provide: STUB_LOGGER, useValue: logger.child({ component: 'registry' }) },
        PopulationRepository,
        FaultsService,
        FaultInjectionInterceptor,
        RegistryService,
        TracingShutdown,
      ],
    };
  }
}
