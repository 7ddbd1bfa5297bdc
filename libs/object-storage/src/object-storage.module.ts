import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'minio';
import {
  createObjectStorageClient,
  ensureBucket,
  OBJECT_STORAGE,
  ObjectStorageSettings,
} from './object-storage';

const SETTINGS = Symbol('OBJECT_STORAGE_SETTINGS');

@Injectable()
class BucketBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SETTINGS) private readonly settings: ObjectStorageSettings,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return ensureBucket(this.client, this.settings.S3_BUCKET, this.settings.S3_REGION);
  }
}

/** Provides the S3 client under OBJECT_STORAGE and makes sure the service's bucket exists at start. */
@Module({})
export class ObjectStorageModule {
  static forRoot(settings: ObjectStorageSettings): DynamicModule {
    return {
      module: ObjectStorageModule,
      global: true,
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: OBJECT_STORAGE, useFactory: () => createObjectStorageClient(settings) },
        BucketBootstrap,
      ],
      exports: [OBJECT_STORAGE],
    };
  }
}
