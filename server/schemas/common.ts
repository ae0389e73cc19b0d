import { z } from 'zod';

/** Times are ISO 8601 strings in UTC. */
export const isoTime = z.iso.datetime().describe('ISO 8601 time, UTC');

/** Ids are lower-case, time-sortable strings given out by this server. */
export const idSchema = z.string().regex(/^[0-9a-z]{1,40}$/, 'not an id this API gave out').describe('An id given out by this server');

/** A path parameter that is one id. */
export const idParam = z.object({ id: idSchema });

export const cursorSchema = z
  .string()
  .regex(/^[0-9a-z]{1,40}$/, 'cursor is not one this API gave out')
  .describe('Keyset cursor: pass the nextCursor of the previous page');

export const okSchema = z.object({ ok: z.literal(true) });

export const roleSchema = z.enum(['admin', 'researcher', 'labeler']).describe('admin: users, tokens, audit; researcher: everything else; labeler: only assigned labeling queues');

export const scoreSourceSchema = z.enum(['judge', 'human', 'import']).describe('Who gave the score: the Claude judge, a human labeler, or an imported file');

export const polaritySchema = z
  .enum(['higher_is_better', 'lower_is_better', 'neutral'])
  .describe('Which direction of the trait is better');

export const traitScaleSchema = z
  .union([
    z.object({ kind: z.literal('numeric'), min: z.number(), max: z.number(), anchors: z.record(z.string(), z.string()).optional() }),
    z.object({ kind: z.literal('categorical'), categories: z.array(z.string()) }),
    z.object({ kind: z.literal('boolean') }),
  ])
  .nullable()
  .describe('The scale of the trait: numeric min–max (with anchors), categories, or boolean; null when the source gives none');

export const traitUnitSchema = z
  .enum(['transcript', 'turns'])
  .describe('transcript: one score per transcript; turns: one score per turn range (e.g. Spiral-Bench chunks)');

/**
 * Any JSON value (metadata, raw responses). Described as unconstrained rather than as zod's recursive JSON
 * type: a recursive schema makes generated clients' types refer to themselves, which TypeScript refuses.
 */
export const jsonSchema = z.unknown().describe('Any JSON value');
