import 'reflect-metadata';
import { runMigrationsMain } from '@motcua/service-runtime';
import { dataSharingService } from './data-sharing.service-definition';

void runMigrationsMain(dataSharingService);
