import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { TokenCreateDto, TokenCreatedDto, TokenIdParamsDto, TokenResponseDto } from './tokens.dto';
import { TokensService } from './tokens.service';

/** Every signed-in user manages their own API tokens (at most their own role); admins see all. */
@ApiTags('tokens')
@RequireRole('viewer')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @ApiOkResponse({ type: [TokenResponseDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<TokenResponseDto[]> {
    return this.tokens.list(principal);
  }

  @Post()
  @ApiCreatedResponse({ type: TokenCreatedDto, description: 'The token is in `token`, shown this once only' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: TokenCreateDto): Promise<TokenCreatedDto> {
    return this.tokens.create(principal, body);
  }

  @Delete(':id')
  @ApiOkResponse({ type: TokenResponseDto, description: 'Revoked (kept, to show when it was last used)' })
  revoke(@CurrentPrincipal() principal: Principal, @Param() params: TokenIdParamsDto): Promise<TokenResponseDto> {
    return this.tokens.revoke(principal, params.id);
  }
}
