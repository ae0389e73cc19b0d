import { z } from 'zod';
import { storedString } from '../lib/text.ts';
import { transcriptFilter, traitRangeProblem, TRAIT_RANGE_PROBLEM } from '../queries/transcript-filter.ts';
import { selectionKinds } from '../queries/stats/selections.ts';
import { contentBlockSchema } from '../ingest/blocks.ts';
import { idSchema, isoTime, traitScaleSchema } from './common.ts';

export const MAX_QUEUE_ITEMS = 5000;

const goldAnswer = z.union([z.number(), storedString({ max: 200 })]);

export const createQueueBody = z
  .object({
    name: storedString({ max: 200, trim: true }),
    traits: z.array(storedString({ max: 100 })).min(1, 'name at least one trait').max(20).describe('Trait slugs; rubric traits show their rubric and anchors'),
    transcriptIds: z.array(idSchema).min(1).max(MAX_QUEUE_ITEMS).optional().describe('Label exactly these transcripts'),
    where: transcriptFilter.refine((w) => traitRangeProblem(w) === null, { message: TRAIT_RANGE_PROBLEM, path: ['trait'] }).optional().describe('Label what this list filter selects'),
    selection: z
      .object({ kind: z.enum(selectionKinds), trait: storedString({ max: 100 }), model: storedString({ max: 200 }).optional(), limit: z.number().int().min(1).max(1000).default(50) })
      .optional()
      .describe('Label a statistics selection: the largest judge spread, or the largest judge–human gap'),
    overlap: z.number().int().min(1).max(20).default(1).describe('Labelers per item: an item is complete with this many labels'),
    blind: z.boolean().default(true).describe('Labelers see no model, transcript id, score or other labeler; only the messages and the metadata keys in showMetadata'),
    pairwise: z.boolean().default(false).describe("Items are two transcripts of one scenario (different models), sides shown in a random order per labeler"),
    instructions: storedString({ min: 0, max: 20_000 }).default(''),
    labelers: z.array(z.email().max(320)).min(1, 'name at least one labeler').max(200).describe('Emails of existing users who will label'),
    showMetadata: z.array(storedString({ max: 200 })).max(50).default([]).describe('Metadata keys a blind queue still shows'),
    adjudicationMargin: z.number().positive().max(100).default(1).describe('Labels that differ by at least this much, or from the judge, go to adjudication'),
    gold: z
      .array(z.object({ transcriptId: idSchema, answers: z.record(z.string(), goldAnswer) }))
      .max(500)
      .default([])
      .describe('Items with known answers (trait → value, or a|b|tie for pairwise); each labeler’s accuracy on them is shown to researchers only'),
  })
  .refine((b) => [b.transcriptIds, b.where, b.selection].filter((x) => x !== undefined).length === 1, { message: 'give exactly one of transcriptIds, where and selection', path: ['transcriptIds'] })
  .refine((b) => b.overlap <= b.labelers.length, { message: 'overlap is larger than the number of labelers: no item could ever be complete', path: ['overlap'] });

export const labelBody = z
  .object({
    trait: storedString({ max: 100 }),
    value: z.union([z.number().finite(), storedString({ max: 200 })]).optional().describe('A point of the trait’s scale'),
    na: z.boolean().optional().describe('Not applicable (instead of a value)'),
    winner: z.enum(['first', 'second', 'tie']).optional().describe('Pairwise: the side shown first, the side shown second, or a tie'),
    evidence: z.array(z.object({ side: z.enum(['first', 'second']).optional(), message_index: z.int().min(0), quote: storedString({ max: 5000 }) })).max(50).default([]),
    comment: storedString({ min: 0, max: 10_000 }).optional(),
  })
  .refine((b) => [b.value !== undefined, b.na === true, b.winner !== undefined].filter(Boolean).length === 1, { message: 'give exactly one of value, na: true and winner', path: ['value'] });

export const adjudicateBody = z.object({
  trait: storedString({ max: 100 }),
  value: z.union([z.number().finite(), storedString({ max: 200 })]),
  reason: storedString({ max: 10_000 }).describe('Why this is the final value'),
});

const queueTraitView = z.object({
  slug: z.string(),
  title: z.string(),
  scale: traitScaleSchema,
  rubricVersionId: idSchema.nullable(),
  rubric: z.string().nullable().describe('The rubric text the labeler is shown (Markdown)'),
  notApplicableWhen: z.string().nullable(),
});

const itemMessage = z.object({ index: z.int(), role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.union([z.string(), z.array(contentBlockSchema)]) });
const itemSide = z.object({
  system: z.string().nullable(),
  messages: z.array(itemMessage),
  metadata: z.record(z.string(), z.unknown()).describe('Only the keys the queue shows'),
  /** Present only in queues that are not blind. */
  transcriptId: idSchema.optional(),
  model: z.string().optional(),
  scenario: z.string().optional(),
});

export const nextItemSchema = z.object({
  item: z
    .object({
      id: idSchema.describe('The item: opens nothing outside this queue'),
      pairwise: z.boolean(),
      first: itemSide.describe('The transcript (pairwise: the side shown first to you)'),
      second: itemSide.nullable(),
      leaseExpiresAt: isoTime,
      myLabels: z.array(z.object({ trait: z.string(), value: z.union([z.number(), z.string()]).nullable(), na: z.boolean(), winner: z.enum(['first', 'second', 'tie']).nullable() })).describe('Your own labels on this item so far'),
    })
    .nullable()
    .describe('null when nothing is left for you in this queue'),
  queue: z.object({ id: idSchema, name: z.string(), instructions: z.string(), blind: z.boolean(), pairwise: z.boolean(), traits: z.array(queueTraitView) }),
  progress: z.object({ mine: z.int().describe('Items you have finished'), available: z.int().describe('Items you may still label'), complete: z.int(), items: z.int() }),
});

export const labelResultSchema = z.object({ itemDone: z.boolean().describe('Every trait of the item is labeled: the next call to next gives another'), labelId: idSchema });

export const queueSummarySchema = z
  .object({
    id: idSchema,
    name: z.string(),
    traits: z.array(z.string()),
    overlap: z.int(),
    blind: z.boolean(),
    pairwise: z.boolean(),
    status: z.enum(['open', 'closed']),
    items: z.int(),
    complete: z.int().describe('Items with overlap labels'),
    createdAt: isoTime,
  })
  .meta({ id: 'QueueSummary' });

export const queueListSchema = z.object({
  items: z.array(
    queueSummarySchema.extend({
      mine: z.object({ done: z.int().describe('Items the caller has labeled'), available: z.int().describe('Items the caller can still take: not labeled by them, not yet complete') }),
    }),
  ),
});

export const queueDetailSchema = z.object({
  queue: queueSummarySchema.extend({
    instructions: z.string(),
    selection: z.record(z.string(), z.unknown()),
    showMetadata: z.array(z.string()),
    adjudicationMargin: z.number(),
  }),
  labelers: z.array(
    z.object({
      email: z.string(),
      done: z.int(),
      leased: z.int(),
      medianSecondsPerItem: z.number().nullable(),
      gold: z.object({ items: z.int(), correct: z.int(), accuracy: z.number().nullable() }).describe('Accuracy on gold items: researchers only'),
    }),
  ),
  items: z.array(z.object({ id: idSchema, position: z.int(), transcriptId: idSchema, transcriptBId: idSchema.nullable(), gold: z.boolean(), done: z.int(), leased: z.int() })),
});

export const adjudicationSchema = z.object({
  items: z.array(
    z.object({
      itemId: idSchema,
      transcriptId: idSchema,
      trait: z.string(),
      spread: z.number().describe('Largest difference between two labels, or between the labels’ mean and the judge'),
      judge: z.number().nullable(),
      labels: z.array(z.object({ labeler: z.string(), value: z.number().nullable(), category: z.string().nullable(), evidence: z.array(z.object({ message_index: z.int(), quote: z.string(), verified: z.boolean() })), comment: z.string().nullable(), createdAt: isoTime })),
      adjudicated: z.object({ value: z.number().nullable(), category: z.string().nullable(), reason: z.string().nullable(), by: z.string() }).nullable(),
    }),
  ),
});
