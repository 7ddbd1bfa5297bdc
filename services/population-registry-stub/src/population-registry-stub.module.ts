import { Module } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS } from '@motcua/observability';

/** Has no dependencies to wait for: ready as soon as it listens. */
@Module({
  controllers: [HealthController, MetricsController],
  providers: [{ provide: READINESS_CHECKS, useValue: [] }],
})
export class PopulationRegistryStubModule {}
