import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import type { z, ZodType } from 'zod';
import { ValidationFailed } from './errors.ts';
import { describeIssues, fieldProblems, type SchemaIssue } from './issues.ts';

function validationFailed(target: string, issues: readonly SchemaIssue[]): ValidationFailed {
  const details = fieldProblems(issues).map((p) => ({ field: p.field || target, message: p.message }));
  return new ValidationFailed(`Invalid ${target}: ${describeIssues(issues, undefined, Infinity) || 'does not match its schema'}`, details);
}

/**
 * The one request validator. Its schema also describes the input in the OpenAPI document (hono-openapi reads
 * it from the route), and a failure becomes one `ValidationFailed` naming every bad field, so handlers only
 * ever see valid input through `c.req.valid(...)`.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  validator(target, schema, (result) => {
    if (!result.success) throw validationFailed(target, result.error);
  });

/** The same validation for input a route reads itself (the text fields of a streamed multipart upload). */
export function parseInput<T extends ZodType>(target: string, schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(target, parsed.error.issues);
  return parsed.data;
}
