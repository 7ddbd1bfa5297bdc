import { DynamicModule, Module } from '@nestjs/common';
import { DataSharingConfig } from '../config/data-sharing.config';
import { DATA_SHARING_CONFIG, RegistryClient } from './registry.client';

/** The registry client and the service's config, shared by the verification worker and the lookup API. */
@Module({})
export class RegistryModule {
  static forRoot(config: DataSharingConfig): DynamicModule {
    return {
      module: RegistryModule,
      global: true,
      providers: [{ provide: DATA_SHARING_CONFIG, useValue: config }, RegistryClient],
      exports: [DATA_SHARING_CONFIG, RegistryClient],
    };
  }
}
