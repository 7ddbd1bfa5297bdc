import 'reflect-metadata';
import './tracing';
import { createServiceApp } from '@motcua/http';
import { runHttpMain } from '@motcua/service-runtime';
import { PopulationRegistryStubConfig } from './config/population-registry-stub.config';
import { PopulationRegistryStubModule } from './population-registry-stub.module';

void runHttpMain('population-registry-stub', PopulationRegistryStubConfig, (config, logger) =>
  createServiceApp(PopulationRegistryStubModule.forRoot(config, logger), {
    serviceName: 'population-registry-stub',
    title: 'motcua population-registry-stub',
    description:
      'A deterministic synthetic population standing in for the national population database (NDXP). ' +
      'Every /api/v1 request needs X-Requester and X-Purpose headers.',
    logger,
    swagger: config.SWAGGER_ENABLED,
  }),
);
