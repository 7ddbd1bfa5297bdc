import 'reflect-metadata';
import { runMigrationsMain } from '@motcua/service-runtime';
import { digitizationService } from './digitization.service-definition';

void runMigrationsMain(digitizationService);
