import { Inject, Injectable } from '@nestjs/common';
import { PopulationRegistryStubConfig } from '../config/population-registry-stub.config';
import { STUB_CONFIG } from '../tokens';
import { PersonRecord } from './person';
import { PopulationGenerator } from './population-generator';

/** The synthetic population of the configured seed and size, built once at boot. */
@Injectable()
export class PopulationRepository {
  private readonly population: PopulationGenerator;

  constructor(@Inject(STUB_CONFIG) config: PopulationRegistryStubConfig) {
    this.population = new PopulationGenerator(config.POPULATION_SEED, config.POPULATION_SIZE);
  }

  get size(): number {
    return this.population.size;
  }

  findByIdNumber(idNumber: string): PersonRecord | undefined {
    const i = this.population.indexOf(idNumber);
    return i === undefined ? undefined : this.population.person(i);
  }

  /** `count` people at evenly spaced indices: the same for a given seed and size. */
  sample(count: number): PersonRecord[] {
    const n = Math.min(count, this.population.size);
    return Array.from({ length: n }, (_, k) =>
      this.population.person(Math.floor((k * this.population.size) / n)),
    );
  }
}
