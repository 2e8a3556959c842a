import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '../../common/auth/auth.guard';
import { CredentialResolver } from '../../common/auth/credential-resolver';
import { OneTimeTokenVerifiers } from '../../common/auth/one-time-token-verifiers';
import { TokensController } from '../tokens/tokens.controller';
import { TokensRepository } from '../tokens/tokens.repository';
import { TokensService } from '../tokens/tokens.service';
import { UsersController } from '../users/users.controller';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { RequestCredentials } from './request-credentials';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/**
 * Accounts, sessions and API tokens, and the global guard in front of every route. One module:
 * users, sessions and tokens depend on each other (a password change ends sessions, a token's
 * role is capped by its owner's).
 */
@Global()
@Module({
  controllers: [AuthController, UsersController, TokensController],
  providers: [
    AuthService,
    SessionService,
    SessionRepository,
    LoginThrottleRepository,
    UsersService,
    UsersRepository,
    TokensService,
    TokensRepository,
    OneTimeTokenVerifiers,
    { provide: CredentialResolver, useClass: RequestCredentials },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [OneTimeTokenVerifiers, UsersService],
})
export class AuthModule {}
