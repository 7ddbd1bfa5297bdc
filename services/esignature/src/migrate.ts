import 'reflect-metadata';
import { runMigrationsMain } from '@motcua/service-runtime';
import { esignatureService } from './esignature.service-definition';

void runMigrationsMain(esignatureService);
