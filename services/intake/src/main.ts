import 'reflect-metadata';
import './tracing';
import { runServiceMain } from '@motcua/service-runtime';
import { intakeService } from './intake.service-definition';

void runServiceMain(intakeService);
