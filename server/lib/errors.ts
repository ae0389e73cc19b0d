/**
 * Domain errors: what went wrong, in the words of the code that found it. They carry no HTTP; the one
 * mapping at the edge (`server/lib/http-errors.ts`) turns each `code` into a status and the JSON error shape
 * `{ error: { code, message, details? } }`. The codes are part of the public API.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The request cannot be read at all (no body, malformed multipart, broken encoding). */
export class BadRequest extends DomainError {
  readonly code = 'bad_request';
}

/** Fields of the request break their schema; `details` lists `{ field, message }`. */
export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';
}

/** No valid session or API token. */
export class Unauthenticated extends DomainError {
  readonly code = 'unauthorized';
}

/** The caller is known but may not do this. */
export class Forbidden extends DomainError {
  readonly code = 'forbidden';
}

export class NotFound extends DomainError {
  readonly code = 'not_found';
}

/** The request clashes with the current state (a run already finished, an email already taken). */
export class Conflict extends DomainError {
  readonly code = 'conflict';
}

/** An explicit, configurable limit was passed; `details.limit` names it. */
export class LimitExceeded extends DomainError {
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaType extends DomainError {
  readonly code = 'unsupported_media_type';
}

/** Well-formed, but cannot be done: invalid NDJSON lines, a file that is not the format it claims, no shared scenario. */
export class Unprocessable extends DomainError {
  readonly code = 'unprocessable';
}

/** An upload cannot be read as the format it was given as; `where` names the file, line or field. */
export class FormatError extends Unprocessable {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message, { where });
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
