import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { JwtVerifier, JwtVerifierSettings } from './jwt';

/** Registers the token verifier and the global guard. */
@Module({})
export class AuthModule {
  static forRoot(settings: JwtVerifierSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: JwtVerifier, useValue: new JwtVerifier(settings) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JwtVerifier],
    };
  }
}
