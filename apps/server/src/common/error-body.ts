import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainError, type ErrorBody } from './domain-error';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Errors raised by Express' body parsers carry a status and a `type` such as entity.parse.failed. */
interface HttpParserError {
  status: number;
  type: string;
  message: string;
}

function isParserError(e: unknown): e is HttpParserError {
  return typeof e === 'object' && e !== null && typeof (e as HttpParserError).status === 'number' && typeof (e as HttpParserError).type === 'string';
}

function zodDetails(error: ZodError): Record<string, unknown> {
  return {
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
  };
}

/** Maps anything thrown while handling a request to a status and a stable body. Pure. */
export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (exception instanceof DomainError) {
    return { status: exception.status, body: { code: exception.code, message: exception.message, details: exception.details }, unexpected: false };
  }
  if (exception instanceof ZodValidationException) {
    const zodError = exception.getZodError();
    const details = zodError instanceof ZodError ? zodDetails(zodError) : {};
    const first = zodError instanceof ZodError ? zodError.issues[0] : undefined;
    const message = first ? `Invalid request: ${first.path.join('.') || 'value'}: ${first.message}` : 'Invalid request';
    return { status: 400, body: { code: 'VALIDATION_FAILED', message, details }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    return { status, body: { code: STATUS_CODES[status] ?? `HTTP_${status}`, message, details: {} }, unexpected: status >= 500 };
  }
  if (isParserError(exception) && exception.status >= 400 && exception.status < 500) {
    const code = exception.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : exception.type === 'entity.parse.failed' ? 'MALFORMED_BODY' : 'BAD_REQUEST';
    return { status: exception.status, body: { code, message: exception.message, details: {} }, unexpected: false };
  }
  return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'Internal server error', details: {} }, unexpected: true };
}
