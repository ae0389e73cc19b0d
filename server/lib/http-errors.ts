import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Logger } from './logger.ts';
import { BadRequest, DomainError, Forbidden, LimitExceeded, NotFound, RateLimited, Unauthenticated, UnsupportedMediaType, Unprocessable, type ErrorCode } from './errors.ts';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'internal',
] as const;

/** The one mapping from domain error codes to HTTP statuses. */
export const statusOfCode: Record<(typeof errorCodes)[number], ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
};

/** The JSON shape of every error answer. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('Stable, machine-readable reason'),
      message: z.string().describe('What is wrong, in words a person can act on (names the field, line or limit)'),
      details: z.unknown().optional().describe('Structured detail where there is some: bad fields, bad lines, the limit passed'),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: ErrorCode | 'internal', message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Errors Hono raises itself (a malformed JSON body, a body over a limit) as domain errors. */
function fromHttpException(err: HTTPException): DomainError {
  const message = err.message || 'Bad request';
  switch (err.status) {
    case 401:
      return new Unauthenticated(message);
    case 403:
      return new Forbidden(message);
    case 404:
      return new NotFound(message);
    case 413:
      return new LimitExceeded(message);
    case 415:
      return new UnsupportedMediaType(message);
    case 422:
      return new Unprocessable(message);
    default:
      return new BadRequest(message);
  }
}

/** `app.onError`: domain errors become their status and the one JSON shape; anything else is logged and a bare 500. */
export function renderError(err: Error, c: Context, logger: Logger): Response {
  const domain = err instanceof DomainError ? err : err instanceof HTTPException && err.status < 500 ? fromHttpException(err) : null;
  if (domain) {
    if (domain instanceof RateLimited) c.header('Retry-After', String(domain.retryAfterSeconds));
    return c.json(errorBody(domain.code, domain.message, domain.details), statusOfCode[domain.code]);
  }
  logger.error('unhandled', { path: c.req.path, message: err.message, stack: err.stack });
  return c.json(errorBody('internal', 'Internal error; it has been logged'), 500);
}
