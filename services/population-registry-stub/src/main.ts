import 'reflect-metadata';
import { createServiceApp } from '@motcua/http';
import { runHttpMain } from '@motcua/service-runtime';
import { PopulationRegistryStubConfig } from './config/population-registry-stub.config';
import { PopulationRegistryStubModule } from './population-registry-stub.module';

void runHttpMain('population-registry-stub', PopulationRegistryStubConfig, (config, logger) =>
  createServiceApp(PopulationRegistryStubModule, {
    serviceName: 'population-registry-stub',
    title: 'motcua population-registry-stub',
    description:
      'A deterministic synthetic population standing in for the national population database (NDXP).',
    logger,
    swagger: config.SWAGGER_ENABLED,
  }),
);
