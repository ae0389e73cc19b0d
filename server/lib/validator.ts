import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { ApiError } from './errors.ts';

/**
 * `zValidator` whose failures become one `ApiError` naming every bad field, so handlers only ever see
 * valid input through `c.req.valid(...)`.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = result.error.issues.map((i) => ({ field: i.path.join('.') || target, message: i.message }));
      const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      throw new ApiError('validation_failed', `Invalid ${target}: ${summary}`, details);
    }
  });
