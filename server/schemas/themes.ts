import { z } from 'zod';
import { cursorSchema, idSchema, isoTime, jsonSchema, scoreSourceSchema } from './common.ts';
import { estimateSchema, runViewSchema } from './judge.ts';
import { statsOptionsShape } from '../queries/stats/common.ts';

const lineProblem = z.object({ line: z.int().describe('1-based line number'), message: z.string().describe('Field and reason') });

export const feedbackUploadSchema = z.object({
  batchId: idSchema.nullable().describe('Null when nothing new was written'),
  inserted: z.int(),
  duplicates: z.int().describe('Items already stored (same id, or same text, model, transcript and tags)'),
  errors: z.array(lineProblem).describe('Bad lines that were not written (atomic=false)'),
});

export const feedbackItemSchema = z.object({
  id: idSchema,
  key: z.string().describe('id:<your id>, or sha256:<hash of the content>'),
  text: z.string(),
  model: z.string().nullable(),
  transcriptId: idSchema.nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), jsonSchema),
  createdAt: isoTime,
});

export const feedbackListSchema = z.object({ items: z.array(feedbackItemSchema), nextCursor: z.string().nullable() });

export const feedbackQuery = z.object({
  tag: z.string().max(100).optional().describe('Only feedback with this tag'),
  model: z.string().max(200).optional().describe('Only feedback about this model version'),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size'),
});

const selectionSchema = z.object({
  transcripts: z
    .union([
      z.object({ kind: z.literal('filter'), where: z.record(z.string(), z.union([z.string(), z.number()])) }),
      z.object({ kind: z.literal('ids'), ids: z.array(z.string()) }),
      z.object({ kind: z.literal('stats'), selection: z.enum(['judge_spread', 'judge_human_gap']), trait: z.string(), model: z.string().optional(), limit: z.int() }),
    ])
    .optional(),
  feedback: z.object({ tag: z.string().optional(), model: z.string().optional(), ids: z.array(z.string()).optional() }).optional(),
});

export const themeRunSchema = runViewSchema
  .extend({
    kind: z.literal('themes'),
    model: z.string().describe('The Claude model of every request'),
    version: z.int().describe('The version of the themes of this selection (1 for the first run on it)'),
    selection: selectionSchema,
    selectionKey: z.string().describe('Runs with the same key are versions of one selection'),
    description: z.string().describe('The selection in words, as the prompts say it'),
    promptVersion: z.string(),
    phase: z.enum(['map', 'reduce', 'assign', 'done']),
    reduceRounds: z.int(),
    itemCount: z.int(),
    settings: z.object({ reduceChunkChars: z.int(), assignBatchSize: z.int() }),
    previousRunId: idSchema.nullable(),
    versions: z.array(z.object({ id: idSchema, version: z.int(), status: z.string(), createdAt: isoTime })),
    notes: z.object({ pending: z.int(), done: z.int(), invalid: z.int(), failed: z.int(), nothingWrong: z.int() }).describe('Map notes by status'),
    assigned: z.object({ claude: z.int(), researcher: z.int(), system: z.int().describe('No note to assign by: "other"'), unassigned: z.int(), other: z.int() }),
    themeCount: z.int(),
  })
  .meta({ id: 'ThemeRun' });

export const themeRunListSchema = z.object({ items: z.array(themeRunSchema) });
export const createdThemeRunSchema = z.object({ id: idSchema, version: z.int(), estimate: estimateSchema });
export const themeEstimateSchema = z.object({ model: z.string(), description: z.string(), items: z.int(), version: z.int().describe('The version this run would be'), estimate: estimateSchema, overBudget: z.boolean() });

const ci = { ciLow: z.number().nullable(), ciHigh: z.number().nullable() };
const reason = z.string().optional().describe('Why an interval is missing');

export const modelShareSchema = z.object({
  model: z.string(),
  items: z.int(),
  hits: z.int().describe('Items of this model in the theme'),
  share: z.number().nullable().describe('Mean over scenarios of the share of its items in the theme'),
  ...ci,
  clusters: z.int().describe('Scenarios (bootstrap clusters) the share is over'),
  reason,
});

const movementSchema = z
  .union([
    z.object({ kind: z.literal('models'), a: z.string(), b: z.string(), n: z.int().describe('Shared scenarios'), meanDelta: z.number().nullable().describe('Share of b − share of a'), ...ci, pValue: z.number().nullable(), reason }),
    z.object({
      kind: z.literal('versions'),
      against: idSchema,
      againstVersion: z.int(),
      continues: z.object({ id: idSchema, name: z.string() }).nullable().describe('The theme of that version this one continues'),
      items: z.int().describe('Items both versions read'),
      clusters: z.int(),
      shareBefore: z.number().nullable(),
      shareAfter: z.number().nullable(),
      meanDelta: z.number().nullable(),
      ...ci,
      reason,
    }),
  ])
  .nullable();

const themeCore = {
  id: idSchema,
  ref: z.string().describe('T1, T2, …: how prompts refer to it'),
  name: z.string(),
  description: z.string(),
  inclusionCriteria: z.string(),
  origin: z.enum(['claude', 'carried', 'split']),
  curated: z.boolean().describe('A researcher edited it: later versions keep its wording'),
  previousThemeId: idSchema.nullable().describe('The theme of the version before that it continues'),
};

export const rankedThemesSchema = z.object({
  runId: idSchema,
  rank: z.enum(['size', 'models', 'versions']),
  models: z.array(z.string()).describe('Model versions with items in the run'),
  assigned: z.int(),
  other: z.object({ size: z.int(), share: z.number().nullable() }),
  unit: z.string().describe('What a share is the mean of'),
  movementUnit: z.string().nullable(),
  items: z.array(z.object({ ...themeCore, size: z.int(), share: z.number().nullable().describe('Size over all assigned items (unweighted)'), meanConfidence: z.number().nullable(), byModel: z.array(modelShareSchema), movement: movementSchema })),
});

export const rankQuery = z.object({
  rank: z.enum(['size', 'models', 'versions']).default('size').describe('size; models: share movement from model a to b; versions: share movement since `against` (default the version before)'),
  a: z.string().max(200).optional().describe('rank=models: the earlier model version'),
  b: z.string().max(200).optional().describe('rank=models: the later model version'),
  against: idSchema.optional().describe('rank=versions: another version of the same selection'),
  ...statsOptionsShape,
});

const evidenceSchema = z.object({ messageIndex: z.int().nullable().describe('Null: quoted from the feedback text'), quote: z.string(), verified: z.boolean().describe('Found where it says it is') });

export const themeItemSchema = z.object({
  id: idSchema,
  ref: z.string(),
  transcriptId: idSchema.nullable(),
  feedbackId: idSchema.nullable(),
  modelId: idSchema.nullable(),
  model: z.string().nullable(),
  scenarioId: idSchema.nullable(),
  scenario: z.string().nullable(),
  scenarioTitle: z.string().nullable(),
  noteStatus: z.enum(['pending', 'done', 'invalid', 'failed']),
  note: z.string().nullable(),
  nothingWrong: z.boolean(),
  evidence: z.array(evidenceSchema),
  themeId: idSchema.nullable().describe('Null: "other"'),
  confidence: z.number().nullable(),
  assignedBy: z.enum(['claude', 'researcher', 'system']).nullable(),
});

const editSchema = z.object({ id: idSchema, kind: z.enum(['rename', 'merge', 'split', 'move']), themeId: idSchema.nullable(), details: z.record(z.string(), jsonSchema), userId: idSchema.nullable(), createdAt: isoTime });
const lineageRef = z.object({ id: idSchema, name: z.string(), runId: idSchema, version: z.int() });

export const themeDetailSchema = z.object({
  theme: z.object({ ...themeCore, status: z.enum(['active', 'merged']), mergedIntoId: idSchema.nullable(), updatedAt: isoTime }),
  run: z.object({ id: idSchema, version: z.int(), description: z.string(), phase: z.enum(['map', 'reduce', 'assign', 'done']), model: z.string(), promptVersion: z.string() }),
  members: z.array(themeItemSchema.extend({ feedbackText: z.string().nullable() })),
  quotes: z.array(z.object({ itemId: idSchema, transcriptId: idSchema.nullable(), feedbackId: idSchema.nullable(), model: z.string().nullable(), messageIndex: z.int().nullable(), quote: z.string() })).describe('Verified quotes, most confident members first'),
  byModel: z.array(modelShareSchema),
  unit: z.string(),
  edits: z.array(editSchema),
  lineage: z.object({ previous: lineageRef.nullable(), next: z.array(lineageRef) }),
  otherThemes: z.array(z.object({ id: idSchema, ref: z.string(), name: z.string() })).describe('The other themes of the run: merge and move targets'),
});

export const otherItemsSchema = z.object({ items: z.array(themeItemSchema) });

const themeName = z.object({ id: idSchema, name: z.string().nullable() });
export const versionDiffSchema = z.object({
  runId: idSchema,
  version: z.int(),
  against: z.object({ id: idSchema, version: z.int() }),
  themes: z.array(z.object({ id: idSchema, name: z.string(), curated: z.boolean(), counterpart: themeName.nullable(), sizeNow: z.int(), sizeThen: z.int() })),
  gone: z.array(z.object({ id: idSchema, name: z.string(), size: z.int() })).describe('Themes of the other version nothing here continues'),
  itemsAdded: z.int(),
  itemsRemoved: z.int(),
  unchanged: z.int(),
  movedCount: z.int(),
  moved: z.array(z.object({ ref: z.string(), transcriptId: idSchema.nullable(), feedbackId: idSchema.nullable(), model: z.string().nullable(), note: z.string().nullable(), from: themeName.nullable(), to: themeName.nullable(), assignedBy: z.enum(['claude', 'researcher', 'system']) })).describe('Items now in another theme than the counterpart of the one they were in (first 500)'),
});

export const editResultSchema = z.object({ id: idSchema, moved: z.int().optional() });
export const moveResultSchema = z.object({ id: idSchema, themeId: idSchema.nullable() });

export const draftSchema = z.object({
  id: idSchema,
  themeId: idSchema,
  draftRunId: idSchema.nullable(),
  scenarioKey: z.string().describe('Exported lines carry it; transcripts uploaded with it are the theme’s eval'),
  title: z.string(),
  systemPrompt: z.string().nullable(),
  userTurns: z.array(z.string()),
  goodResponse: z.string(),
  failureLooksLike: z.string(),
  trait: z.string(),
  rubric: z.string(),
  failThreshold: z.number().describe("Failing: the trait's per-transcript value at or past this level on its bad side"),
  status: z.enum(['draft', 'accepted', 'rejected']),
  edited: z.boolean(),
  decidedBy: idSchema.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const draftListSchema = z.object({
  items: z.array(draftSchema),
  runs: z.array(z.object({ id: idSchema, status: z.string(), jobStatus: z.string(), error: z.string().nullable(), costUsd: z.number(), createdAt: isoTime })),
});
export const createdDraftRunSchema = z.object({ runId: idSchema, estimate: estimateSchema });
export const exportQuery = z.object({ format: z.enum(['native', 'inspect'], { error: 'format must be native or inspect' }).default('native').describe('native: NDJSON scenario lines (user turns only); inspect: an Inspect AI dataset (JSONL samples with input and target)') });

export const themeEvalSchema = z.object({
  themeId: idSchema,
  source: scoreSourceSchema,
  unit: z.string(),
  drafts: z.int().describe('Accepted drafts'),
  scenarios: z.array(z.object({ draftId: idSchema, key: z.string(), title: z.string(), trait: z.string(), failThreshold: z.number(), linkedScenarioIds: z.array(idSchema), transcripts: z.int() })),
  byModel: z.array(z.object({ model: z.string(), transcripts: z.int(), judged: z.int(), failures: z.int(), failureRate: z.number().nullable(), ...ci, clusters: z.int(), transcriptIds: z.array(idSchema), reason })),
  unjudged: z.object({ count: z.int(), transcriptIds: z.array(idSchema).describe('Start a judge run on these to measure them'), traits: z.array(z.string()) }),
});
export const evalQuery = z.object({ source: scoreSourceSchema.default('judge').describe('Whose trait values count'), ...statsOptionsShape });
export const statsOnlyQuery = z.object(statsOptionsShape);
export const diffQuery = z.object({ against: idSchema.optional().describe('Another version of the same selection; the version before when absent') });
