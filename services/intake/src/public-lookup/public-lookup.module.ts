import { DynamicModule, Module } from '@nestjs/common';
import { RateLimitOptions } from './client-rate-limiter';
import { PublicLookupController } from './public-lookup.controller';
import { DEFAULT_PUBLIC_LOOKUP_OPTIONS, PUBLIC_LOOKUP_OPTIONS } from './public-lookup.options';
import { PublicLookupService } from './public-lookup.service';

/**
 * `GET /public/dossiers/{code}?phoneLast4=NNNN`: the citizen's status lookup (ARCHITECTURE.md §6).
 * Import as is for the defaults (20 lookups a minute per client), or `forRoot({ rateLimit })`.
 */
@Module({
  controllers: [PublicLookupController],
  // PublicLookupRateLimitGuard is instantiated by @UseGuards, once for the module, with the options below.
  providers: [PublicLookupService],
})
export class PublicLookupModule {
  static forRoot(options: { rateLimit?: Partial<RateLimitOptions> } = {}): DynamicModule {
    return {
      module: PublicLookupModule,
      providers: [
        {
          provide: PUBLIC_LOOKUP_OPTIONS,
          useValue: {
            rateLimit: { ...DEFAULT_PUBLIC_LOOKUP_OPTIONS.rateLimit, ...options.rateLimit },
          },
        },
      ],
    };
  }
}
