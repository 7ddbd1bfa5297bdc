import 'reflect-metadata';
import './tracing';
import { runServiceMain } from '@motcua/service-runtime';
import { esignatureService } from './esignature.service-definition';

void runServiceMain(esignatureService);
