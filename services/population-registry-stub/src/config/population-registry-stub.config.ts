import { IsInt, IsISO8601, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import { HttpServiceConfig } from '@motcua/config';

/** The stub stands in for the national population database; it needs no Postgres, Kafka or tokens of ours. */
export class PopulationRegistryStubConfig extends HttpServiceConfig {
  override PORT = 3005;

  /** Seed of the synthetic population: the same seed always yields the same people. */
  @IsInt()
  @Min(0)
  @Max(4_294_967_295)
  POPULATION_SEED = 20231023;

  @IsInt()
  @Min(1000)
  @Max(10_000_000)
  POPULATION_SIZE = 100_000;

  /** Fault injection on /api/v1 (changeable at run time through PUT /admin/faults): fixed added latency. */
  @IsInt()
  @Min(0)
  @Max(120_000)
  REGISTRY_LATENCY_MS = 0;

  /** Extra latency drawn uniformly from [0, jitter] per request. */
  @IsInt()
  @Min(0)
  @Max(120_000)
  REGISTRY_LATENCY_JITTER_MS = 0;

  /** Fraction of /api/v1 requests answered 503 (0 = never, 1 = always). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  REGISTRY_ERROR_RATE = 0;

  /** An outage window at boot: /api/v1 answers 503 until this ISO date-time (empty: none). */
  @ValidateIf((config: PopulationRegistryStubConfig) => config.REGISTRY_OUTAGE_UNTIL !== '')
  @IsISO8601({ strict: true }, { message: 'REGISTRY_OUTAGE_UNTIL must be an ISO 8601 date-time' })
  REGISTRY_OUTAGE_UNTIL = '';
}
