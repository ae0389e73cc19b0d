import { z } from 'zod';
import { cursorSchema, idSchema, isoTime, jsonSchema } from './common.ts';

const usdCost = z.number().describe('US dollars, from the usage the API reported and the price table');

export const estimateSchema = z
  .object({
    jobs: z.int(),
    requests: z.int().describe('Messages API requests (a pairwise pair is two)'),
    inputTokens: z.int(),
    cachedInputTokens: z.int().describe('Prompt tokens expected to be read from the prompt cache'),
    outputTokens: z.int(),
    costUsd: usdCost,
    tokenSource: z.enum(['count_tokens', 'offline']).describe('count_tokens when the API answered, else offline (characters / 4)'),
  })
  .meta({ id: 'JudgeEstimate' });

const apiKeyConfigured = z
  .boolean()
  .describe('Whether the server has an Anthropic API key (ANTHROPIC_API_KEY). Without one, estimates still work (offline token counts) but a run cannot start');

export const estimateResponseSchema = z.object({
  judgeModel: z.string(),
  apiKeyConfigured,
  traits: z.array(z.object({ slug: z.string(), traitId: idSchema, rubricVersionId: idSchema, contentHash: z.string() })),
  estimate: estimateSchema,
  overBudget: z.boolean().describe('The estimate is over budgetUsd'),
});

export const createdRunSchema = z.object({ id: idSchema, estimate: estimateSchema });

const runCounts = z.object({
  pending: z.int().describe('Waiting, in flight, or in a submitted batch'),
  done: z.int(),
  failed: z.int().describe('No usable answer after every attempt'),
  invalid: z.int().describe('Answered, but the answer failed validation even after the repair turn'),
  cancelled: z.int(),
});

export const runViewSchema = z
  .object({
    id: idSchema,
    status: z.enum(['running', 'paused', 'budget_exhausted', 'cancelled', 'done']),
    judgeModel: z.string(),
    traits: z.array(z.object({ slug: z.string(), traitId: idSchema, rubricVersionId: idSchema, contentHash: z.string() })),
    selection: z.object({ transcriptIds: z.array(z.string()).optional(), where: z.record(z.string(), z.unknown()).optional() }),
    samples: z.int().describe('Judge samples per transcript'),
    mode: z.enum(['sync', 'batch']),
    pairwise: z.boolean(),
    budgetUsd: usdCost,
    jobCount: z.int(),
    counts: runCounts,
    costUsd: usdCost,
    tokens: z.object({
      input: z.int(),
      output: z.int(),
      cacheWrite: z.int(),
      cacheRead: z.int(),
      cacheReadShare: z.number().describe('Share of prompt tokens read from the cache, 0–1'),
    }),
    estimate: estimateSchema,
    error: z.string().nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
  })
  .meta({ id: 'JudgeRun' });

export const runListSchema = z.object({ items: z.array(runViewSchema), apiKeyConfigured });

const usage = z
  .object({ requests: z.int(), input_tokens: z.int(), output_tokens: z.int(), cache_creation_input_tokens: z.int(), cache_read_input_tokens: z.int() })
  .nullable()
  .describe('Token counts summed over every request the job made');

const jobCore = {
  id: idSchema,
  runId: idSchema,
  key: z.string().describe('Unique job key, also the batch custom_id'),
  kind: z.enum(['score', 'pairwise', 'theme_map', 'theme_reduce', 'theme_assign', 'theme_draft']).describe('score/pairwise: a judgment; theme_*: a step of theme discovery or drafting'),
  transcriptId: idSchema.nullable().describe('Null for theme jobs that read no transcript'),
  transcriptBId: idSchema.nullable(),
  shownOrder: z.enum(['ab', 'ba']).nullable(),
  pairKey: z.string().nullable(),
  traitId: idSchema.nullable().describe('Null for theme jobs'),
  rubricVersionId: idSchema.nullable().describe('Null for theme jobs'),
  sampleIndex: z.int(),
  status: z.enum(['pending', 'running', 'submitted', 'done', 'invalid', 'failed', 'cancelled']),
  attempts: z.int(),
  leaseOwner: z.string().nullable(),
  leaseExpiresAt: z.number().nullable().describe('Epoch milliseconds'),
  batchId: z.string().nullable(),
  customId: z.string().nullable(),
  usage,
  costUsd: usdCost,
  verdict: z.enum(['first', 'second', 'tie']).nullable(),
  error: z.string().nullable(),
  createdAt: z.number().describe('Epoch milliseconds'),
  updatedAt: z.number().describe('Epoch milliseconds'),
  finishedAt: z.number().nullable().describe('Epoch milliseconds'),
};

export const jobListSchema = z.object({
  items: z.array(
    z.object({
      ...jobCore,
      model: z.string().nullable(),
      scenario: z.string().nullable(),
      scenarioTitle: z.string().nullable(),
      transcriptSample: z.int().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const jobDetailSchema = z.object({
  job: z.object({
    ...jobCore,
    rawResponse: jsonSchema.nullable().describe("The API's last response, for audit"),
    payload: jsonSchema.nullable().describe('Theme jobs: what the request is built from, frozen when the job was planned'),
    result: jsonSchema.nullable().describe('Theme reduce jobs: the candidate themes of the chunk'),
    repair: z.object({ content: jsonSchema, error: z.string() }).nullable(),
  }),
  request: z.record(z.string(), z.unknown()).describe('The Messages API request the job sends (rebuilt from the stored rubric version and transcript)'),
});

export const resumeBody = z.object({
  budgetUsd: z.number().positive().max(100_000).optional().describe('A new budget in US dollars'),
  retryFailed: z.boolean().default(false).describe('Failed jobs (no usable answer after every attempt) get their attempts back; invalid answers stay as they are'),
});

export const jobsQuery = z.object({
  status: z.enum(['pending', 'running', 'submitted', 'done', 'invalid', 'failed', 'cancelled']).optional().describe('Only jobs in this status'),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size'),
});
