import 'reflect-metadata';
import './tracing';
import { runServiceMain } from '@motcua/service-runtime';
import { metricsService } from './metrics.service-definition';

void runServiceMain(metricsService);
