import 'reflect-metadata';
import { runServiceMain } from '@motcua/service-runtime';
import { esignatureService } from './esignature.service-definition';

void runServiceMain(esignatureService);
