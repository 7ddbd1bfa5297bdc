import { Module } from '@nestjs/common';
import { TrustStoreController } from './trust-store.controller';
import { TrustStoreService } from './trust-store.service';

@Module({
  controllers: [TrustStoreController],
  providers: [TrustStoreService],
  exports: [TrustStoreService],
})
export class TrustStoreModule {}
