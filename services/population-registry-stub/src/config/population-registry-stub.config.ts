import { IsInt, Max, Min } from 'class-validator';
import { HttpServiceConfig } from '@motcua/config';

/** The stub stands in for the national population database; it needs no Postgres, Kafka or tokens of ours. */
export class PopulationRegistryStubConfig extends HttpServiceConfig {
  override PORT = 3005;

  /** Seed of the synthetic population: the same seed always yields the same people. */
  @IsInt()
  @Min(0)
  POPULATION_SEED = 20231023;

  @IsInt()
  @Min(1000)
  @Max(10_000_000)
  POPULATION_SIZE = 100_000;
}
