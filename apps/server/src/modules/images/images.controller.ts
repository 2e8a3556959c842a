import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { ImageCreateDto, ImageResponseDto, ImageRevisionResponseDto, ImageUpdateDto } from './images.dto';
import { ImagesService } from './images.service';

@ApiTags('images')
@Controller('images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Get()
  @ZodResponse({ status: 200, type: [ImageResponseDto], description: 'Tracked images with their current revision per architecture' })
  @RequireRole('viewer')
  list(): Promise<ImageResponseDto[]> {
    return this.images.list();
  }

  @Post()
  @ZodResponse({ status: 201, type: ImageResponseDto, description: 'Tracks a tag; it must resolve (422 otherwise, nothing created)' })
  @RequireRole('operator')
  @Audit('image.create')
  create(@Body() body: ImageCreateDto): Promise<ImageResponseDto> {
    return this.images.create(body);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: ImageResponseDto, description: 'One tracked image' })
  @RequireRole('viewer')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ImageResponseDto> {
    return this.images.get(id);
  }

  @Patch(':id')
  @ZodResponse({ status: 200, type: ImageResponseDto, description: 'The image after the change' })
  @RequireRole('operator')
  @Audit('image.update')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: ImageUpdateDto): Promise<ImageResponseDto> {
    return this.images.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No longer tracked; its revisions are deleted, hosts keep their state' })
  @RequireRole('operator')
  @Audit('image.delete')
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.images.delete(id);
  }

  @Get(':id/revisions')
  @ZodResponse({ status: 200, type: [ImageRevisionResponseDto], description: 'Every digest the tag pointed at, newest first' })
  @RequireRole('viewer')
  revisions(@Param('id', ParseUUIDPipe) id: string): Promise<ImageRevisionResponseDto[]> {
    return this.images.revisions(id);
  }

  @Post(':id/refresh')
  @ZodResponse({ status: 200, type: ImageResponseDto, description: 'Polls the registry now; a failure is reported in lastError' })
  @RequireRole('operator')
  @Audit('image.refresh')
  refresh(@Param('id', ParseUUIDPipe) id: string): Promise<ImageResponseDto> {
    return this.images.refresh(id);
  }
}
