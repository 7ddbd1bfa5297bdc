import 'reflect-metadata';
import './tracing';
import { runServiceMain } from '@motcua/service-runtime';
import { digitizationService } from './digitization.service-definition';

void runServiceMain(digitizationService);
