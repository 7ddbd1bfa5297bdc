import 'reflect-metadata';
import { runMigrationsMain } from '@motcua/service-runtime';
import { metricsService } from './metrics.service-definition';

void runMigrationsMain(metricsService);
