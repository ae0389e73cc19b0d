import { describeRoute, resolver, type ResponsesWithResolver } from 'hono-openapi';
import type { ZodType } from 'zod';
import { errorBodySchema } from './http-errors.ts';

/** Error statuses a route may answer, with what each means for it. */
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'The request is malformed or a field breaks its schema; the message names each bad field',
  401: 'No valid session cookie or API token',
  403: 'Signed in, but your role or token scope does not allow this',
  404: 'The named resource does not exist',
  409: 'The request clashes with the current state',
  413: 'A configured limit was passed; details.limit names it',
  415: 'The Content-Type or Content-Encoding is not accepted here',
  422: 'Understood, but cannot be done; the message says why',
  429: 'Too many attempts; wait the Retry-After seconds',
};

export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** The success answer: its status, what it is, and the schema of its JSON body (or another media type). */
  success: { status: 200 | 201; description: string; schema: ZodType } | { status: 200; description: string; mediaType: string | readonly string[] };
  /** Error statuses beyond the ones every route has (401/403 on routes that need a caller). */
  errors?: readonly ErrorStatus[];
  /** Needs no session or token. */
  public?: boolean;
  /** A request body that is not JSON (multipart, NDJSON): its media type and schema. */
  body?: { mediaType: string; schema: ZodType | Record<string, unknown>; description: string };
}

/**
 * The OpenAPI description of a route, as middleware placed first in its chain: hono-openapi reads it, and the
 * route's validators, to generate the document served at /api/v1/openapi.json.
 */
export function doc(spec: RouteDoc) {
  const errorStatuses = new Set<ErrorStatus>([...(spec.public ? [] : ([401, 403] as const)), ...(spec.errors ?? [])]);
  const responses: ResponsesWithResolver = {};
  if ('schema' in spec.success) {
    responses[String(spec.success.status)] = { description: spec.success.description, content: { 'application/json': { schema: resolver(spec.success.schema) } } };
  } else {
    const types = typeof spec.success.mediaType === 'string' ? [spec.success.mediaType] : spec.success.mediaType;
    responses[String(spec.success.status)] = { description: spec.success.description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' } }])) };
  }
  for (const status of [...errorStatuses].sort()) {
    responses[String(status)] = { description: ERROR_MEANING[status], content: { 'application/json': { schema: resolver(errorBodySchema) } } };
  }
  responses['default'] = { description: 'An unexpected server error (logged; no internals are sent)', content: { 'application/json': { schema: resolver(errorBodySchema) } } };
  return describeRoute({
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.public ? { security: [] } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            description: spec.body.description,
            content: { [spec.body.mediaType]: { schema: isZod(spec.body.schema) ? resolver(spec.body.schema) : spec.body.schema } },
          },
        }
      : {}),
    responses,
  });
}

function isZod(value: ZodType | Record<string, unknown>): value is ZodType {
  return '_zod' in value;
}
