import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { hostIsoStream } from '@bootfleet/iso-builder';
import { CurrentGrant, OneTimeTokenRoute, type OneTimeGrant, Public, RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { CALL_HOME_PURPOSE, HostInstallsService } from './host-installs.service';
import { etagMatches, ifRangeAllows, parseRange } from './http-range';
import { CallHomeDto, CallHomeResultDto, DownloadLinkResponseDto, HostInstallIsoDto, HostsByIsoDto } from './isos.dto';

/** Where the installer and the browser reached this server: the base of the links we hand out. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

@ApiTags('isos')
@Controller()
export class HostInstallsController {
  constructor(private readonly installs: HostInstallsService) {}

  @Post('hosts/:id/install-iso')
  @ZodResponse({ status: 201, type: DownloadLinkResponseDto, description: 'A short-lived download link for this host only' })
  @RequireRole('operator')
  @Audit('iso.host.link')
  issue(@Param('id', ParseUUIDPipe) id: string, @Body() body: HostInstallIsoDto, @Req() req: Request): Promise<DownloadLinkResponseDto> {
    return this.installs.issueForHost(id, body.templateId, body.record, originOf(req));
  }

  @Post('isos/hosts')
  @ZodResponse({ status: 201, type: [DownloadLinkResponseDto], description: 'Pending hosts created, each with its download link (all or nothing)' })
  @RequireRole('operator')
  @Audit('iso.hosts.add')
  addHosts(@Body() body: HostsByIsoDto, @Req() req: Request): Promise<DownloadLinkResponseDto[]> {
    return this.installs.addHosts(body, originOf(req));
  }

  /**
   * Open route on purpose: the link must work from a plain browser download, curl or a BMC's
   * virtual media, none of which can send a header. The token in the path IS the authorisation:
   * an HMAC (constant-time checked) over one host install and an expiry of 15 minutes, so it opens
   * exactly one host's ISO, briefly. Anything else answers 404 (410-like expiry is a 404 with its
   * own code) so the route reveals nothing.
   */
  @Get('isos/download/:token')
  @Public()
  @ApiProduces('application/x-iso9660-image')
  @ApiOkResponse({ description: "The host's install ISO (Range, ETag, If-None-Match, If-Range supported)" })
  async download(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const found = await this.installs.download(token);
    const size = found.template.metadata.templateBytes;
    res.setHeader('ETag', found.etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Cache-Control', 'private, no-cache');
    if (etagMatches(req.get('if-none-match'), found.etag)) {
      res.status(304).end();
      return;
    }
    const wanted = ifRangeAllows(req.get('if-range'), found.etag) ? parseRange(req.get('range'), size) : { kind: 'whole' as const };
    if (wanted.kind === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${size}`).end();
      return;
    }
    const iso = hostIsoStream(found.template, found.kickstart, wanted.kind === 'partial' ? wanted.range : undefined);
    res.status(wanted.kind === 'partial' ? 206 : 200);
    if (wanted.kind === 'partial') res.setHeader('Content-Range', `bytes ${wanted.range.start}-${wanted.range.end - 1}/${size}`);
    res.setHeader('Content-Type', 'application/x-iso9660-image');
    res.setHeader('Content-Length', String(iso.bytes));
    res.setHeader('Content-Disposition', `attachment; filename="${found.fileName}"`);
    if (req.method === 'HEAD') {
      iso.stream.destroy();
      res.end();
      return;
    }
    iso.stream.on('error', () => res.destroy());
    res.on('close', () => iso.stream.destroy());
    iso.stream.pipe(res);
  }

  @Post('isos/call-home')
  @OneTimeTokenRoute(CALL_HOME_PURPOSE)
  @ZodResponse({ status: 201, type: CallHomeResultDto, description: "The installed host's key is pinned and its enrollment queued" })
  @Audit('iso.call-home')
  callHome(@CurrentGrant() grant: OneTimeGrant, @Body() body: CallHomeDto): Promise<CallHomeResultDto> {
    return this.installs.callHome(grant.subject, body);
  }
}
