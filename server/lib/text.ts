import { z } from 'zod';

/**
 * Why a string cannot be stored as sent in a text column, or null. SQLite hands text back only up to its
 * first NUL, and a lone UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD), so either would
 * change the value on the way in — two different ids could even collide. Such input is refused instead.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!value.isWellFormed()) return 'contains a lone UTF-16 surrogate (not well-formed Unicode)';
  return null;
}

/** A string that is stored or compared as it was sent: `min`–`max` characters, no NUL, well-formed Unicode. */
export function storedString(options: { max?: number; min?: number; trim?: boolean } = {}) {
  const base = options.trim ? z.string().trim() : z.string();
  return base
    .min(options.min ?? 1, options.min === 0 ? undefined : 'must not be empty')
    .max(options.max ?? Number.MAX_SAFE_INTEGER)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
