import { z } from 'zod';
import type { Json } from '../../db/schema/index.ts';

/**
 * What a theme job's request is built from, frozen on the job when it is planned: the themes an assign job
 * shows are the ones that existed then, even if a researcher renames one later, so the audit view rebuilds the
 * request that was sent.
 */
const themeText = z.object({ ref: z.string(), name: z.string(), description: z.string(), inclusionCriteria: z.string() });
export type ThemeText = z.infer<typeof themeText>;

const existingTheme = themeText.extend({ id: z.string(), curated: z.boolean() });
export type ExistingTheme = z.infer<typeof existingTheme>;

const candidate = themeText.extend({ notes: z.number().int() });
export type Candidate = z.infer<typeof candidate>;

export const reduceResult = z.object({ candidates: z.array(candidate) });
export type ReduceResult = z.infer<typeof reduceResult>;

export const themePayload = z.discriminatedUnion('step', [
  z.object({ step: z.literal('map'), itemId: z.string() }),
  z.object({
    step: z.literal('reduce'),
    round: z.number().int().min(1),
    chunk: z.number().int().min(0),
    /** This round has one job: its themes are the run's themes. */
    final: z.boolean(),
    /** Round 1: the note refs of the chunk (notes never change once written). */
    noteRefs: z.array(z.string()).optional(),
    /** Later rounds: the candidate themes of the round before, as they were. */
    candidates: z.array(candidate).optional(),
    /** The final round: the themes of the version before, which the new ones may continue. */
    existing: z.array(existingTheme).default([]),
  }),
  z.object({ step: z.literal('assign'), themes: z.array(themeText), noteRefs: z.array(z.string()) }),
  z.object({
    step: z.literal('draft'),
    themeId: z.string(),
    n: z.number().int().min(1),
    theme: themeText,
    quotes: z.array(z.string()),
    notes: z.array(z.string()),
    traits: z.array(z.object({ slug: z.string(), title: z.string(), polarity: z.string(), min: z.number(), max: z.number() })),
    guidance: z.string().nullable(),
  }),
]);
export type ThemePayload = z.infer<typeof themePayload>;

export function parsePayload(payload: Json | null): ThemePayload {
  const parsed = themePayload.safeParse(payload);
  if (!parsed.success) throw new Error(`theme job payload is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** The payload as stored JSON (zod output is plain data; a JSON round trip gives it the column's type). */
export function payloadJson(payload: ThemePayload): Json {
  const json: Json = JSON.parse(JSON.stringify(payload));
  return json;
}
