import { Body, Controller, Delete, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { QuarantineRequestDto, QuarantineResponseDto } from './quarantine.dto';
import { QuarantineService } from './quarantine.service';

@ApiTags('images')
@Controller('images/:imageId/revisions/:revisionId/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Post()
  @ZodResponse({ status: 201, type: QuarantineResponseDto, description: 'Marks the revision bad: it cannot be rolled out, hosts on it are flagged' })
  @RequireRole('operator')
  @Audit('revision.quarantine')
  add(
    @Param('imageId', ParseUUIDPipe) imageId: string,
    @Param('revisionId', ParseUUIDPipe) revisionId: string,
    @Body() body: QuarantineRequestDto,
  ): Promise<QuarantineResponseDto> {
    return this.quarantine.quarantine(imageId, revisionId, body.reason);
  }

  @Delete()
  @ZodResponse({ status: 200, type: QuarantineResponseDto, description: 'Releases the revision from quarantine' })
  @RequireRole('operator')
  @Audit('revision.release')
  remove(@Param('imageId', ParseUUIDPipe) imageId: string, @Param('revisionId', ParseUUIDPipe) revisionId: string): Promise<QuarantineResponseDto> {
    return this.quarantine.release(imageId, revisionId);
  }
}
