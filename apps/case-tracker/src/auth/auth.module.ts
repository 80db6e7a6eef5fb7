import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_KEY, AuthGuard } from './auth.guard';
import type { VerificationKey } from '@csc/auth';

/** Bearer tokens on every endpoint but /health, roles per endpoint, practitioners held to their teams. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(key: VerificationKey): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_KEY, useValue: key },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_KEY],
    };
  }
}
