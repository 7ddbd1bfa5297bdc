import 'reflect-metadata';
import './tracing';
import { runServiceMain } from '@motcua/service-runtime';
import { dataSharingService } from './data-sharing.service-definition';

void runServiceMain(dataSharingService);
