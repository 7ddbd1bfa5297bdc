import { Module } from '@nestjs/common';
import { PublicLookupController } from './public-lookup.controller';
import { PublicLookupService } from './public-lookup.service';

/**
 * `GET /public/dossiers/{code}?phoneLast4=NNNN`: the citizen's status lookup (ARCHITECTURE.md §6), limited per
 * client (PUBLIC_LOOKUP_MAX_REQUESTS per PUBLIC_LOOKUP_WINDOW_SECONDS, shared by all replicas).
 */
@Module({
  controllers: [PublicLookupController],
  // PublicLookupRateLimitGuard is instantiated by @UseGuards, once for the module.
  providers: [PublicLookupService],
})
export class PublicLookupModule {}
