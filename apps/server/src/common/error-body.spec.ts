import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './domain-error';
import { toErrorResponse } from './error-body';

describe('toErrorResponse', () => {
  it('maps domain errors by kind', () => {
    const r = toErrorResponse(new DomainError('conflict', 'HOST_BUSY', 'Host is busy', { hostId: 'h' }));
    expect(r).toEqual({ status: 409, body: { code: 'HOST_BUSY', message: 'Host is busy', details: { hostId: 'h' } }, unexpected: false });
  });

  it('maps zod validation failures to 400 with the failing paths', () => {
    const parsed = z.object({ port: z.number().max(10) }).safeParse({ port: 99 });
    const r = toErrorResponse(new ZodValidationException(parsed.error!));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toContain('port');
    expect(r.body.details).toEqual({ issues: [expect.objectContaining({ path: 'port' })] });
  });

  it('maps Nest HTTP exceptions and body-parser errors', () => {
    expect(toErrorResponse(new NotFoundException('no such route')).body.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new BadRequestException()).status).toBe(400);
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(toErrorResponse(tooLarge)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const malformed = Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(toErrorResponse(malformed)).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY' } });
  });

  it('hides unexpected errors behind a 500 without leaking their message', () => {
    const r = toErrorResponse(new Error('password=hunter2'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('hunter2');
    expect(r.unexpected).toBe(true);
  });
});
