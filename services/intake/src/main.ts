import 'reflect-metadata';
import { runServiceMain } from '@motcua/service-runtime';
import { intakeService } from './intake.service-definition';

void runServiceMain(intakeService);
