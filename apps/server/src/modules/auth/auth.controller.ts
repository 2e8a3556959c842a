import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, RequireRole } from '../../common/auth/auth.decorators';
import { type AuthenticatedRequest, type Principal, sourceAddress } from '../../common/auth/principal';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { UsersService } from '../users/users.service';
import { LoginDto, MeResponseDto, PasswordChangeDto, SetupDto, SetupStatusDto } from './auth.dto';
import { AuthService, type SignedIn } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './session-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponseDto, description: 'Signed in; sets the session and CSRF cookies' })
  async login(@Body() body: LoginDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<MeResponseDto> {
    return this.signedIn(req, res, await this.auth.login(body.username, body.password, sourceAddress(req)));
  }

  @Get('setup')
  @Public()
  @ApiOkResponse({ type: SetupStatusDto, description: 'Whether the one-time setup (first admin) is still open' })
  async setupStatus(): Promise<SetupStatusDto> {
    return { needed: await this.users.setupNeeded() };
  }

  @Post('setup')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponseDto, description: 'First admin created and signed in; refused once any user exists' })
  async setup(@Body() body: SetupDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<MeResponseDto> {
    return this.signedIn(req, res, await this.auth.setup(body.username, body.password, sourceAddress(req)));
  }

  @Post('logout')
  @RequireRole('viewer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Session ended and cookies cleared' })
  async logout(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.sessionId);
    clearSessionCookies(req, res, this.config);
  }

  @Get('me')
  @RequireRole('viewer')
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): MeResponseDto {
    return { kind: principal.kind, id: principal.id, name: principal.name, role: principal.role, csrfToken: req.csrfToken ?? null };
  }

  @Put('password')
  @RequireRole('viewer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; other sessions of this user are signed out' })
  async changePassword(@Body() body: PasswordChangeDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<void> {
    await this.auth.changePassword(principal, req.sessionId, body.currentPassword, body.newPassword);
  }

  private signedIn(req: AuthenticatedRequest, res: Response, { user, session }: SignedIn): MeResponseDto {
    setSessionCookies(req, res, this.config, session);
    // Lets the audit interceptor attribute the sign-in to the user.
    req.principal = { kind: 'user', id: user.id, name: user.username, role: user.role, userId: user.id };
    return { kind: 'user', id: user.id, name: user.username, role: user.role, csrfToken: session.csrfToken };
  }
}
