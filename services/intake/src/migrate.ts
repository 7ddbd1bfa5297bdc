import 'reflect-metadata';
import { runMigrationsMain } from '@motcua/service-runtime';
import { intakeService } from './intake.service-definition';

void runMigrationsMain(intakeService);
