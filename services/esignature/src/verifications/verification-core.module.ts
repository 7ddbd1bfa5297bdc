import { Module } from '@nestjs/common';
import { TrustStoreModule } from '../trust-store/trust-store.module';
import { VerificationRunner } from './verification-runner';
import { VerificationStore } from './verification-store';

/** The sandboxed verifier and the report store, shared by the HTTP API and the document worker. */
@Module({
  imports: [TrustStoreModule],
  providers: [VerificationRunner, VerificationStore],
  exports: [VerificationRunner, VerificationStore],
})
export class VerificationCoreModule {}
