export {
  OBJECT_STORAGE,
  createObjectStorageClient,
  ensureBucket,
  objectStorageReadiness,
  type ObjectStorageSettings,
} from './object-storage';
export { ObjectStorageModule } from './object-storage.module';
