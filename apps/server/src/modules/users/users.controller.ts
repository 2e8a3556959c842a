import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { UserCreateDto, UserIdParamsDto, UserPasswordResetDto, UserResponseDto, UserUpdateDto } from './users.dto';
import { toUserResponse, UsersService } from './users.service';

@ApiTags('users')
@RequireRole('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserResponseDto] })
  async list(): Promise<UserResponseDto[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Post()
  @ApiOkResponse({ type: UserResponseDto })
  async create(@Body() body: UserCreateDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  async update(@Param() params: UserIdParamsDto, @Body() body: UserUpdateDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.setRole(params.id, body.role));
  }

  @Put(':id/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; the user is signed out everywhere' })
  async resetPassword(@Param() params: UserIdParamsDto, @Body() body: UserPasswordResetDto): Promise<void> {
    await this.users.get(params.id);
    await this.users.setPassword(params.id, body.password);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its sessions and API tokens' })
  async delete(@Param() params: UserIdParamsDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.users.delete(params.id, principal.userId);
  }
}
