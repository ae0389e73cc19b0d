import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { ScoreSource } from '../../../db/schema/index.ts';
import { transcriptTraitValue, type ScoreRowForValue } from '../../aggregate/rule.ts';
import { BadRequest, Unprocessable } from '../../lib/errors.ts';
import { storedString } from '../../lib/text.ts';
import { clusterBootstrapMeanCi, sortedQuantile } from '../../stats/bootstrap.ts';
import { pairedComparison } from '../../stats/paired.ts';
import { idSchema, scoreSourceSchema } from '../../schemas/common.ts';
import { modelIds, modelListParam, resolveSource, scenarioLabels, scenarioSums, statsOptionsShape, traitBySlug, traitIdentitySchema } from './common.ts';

/**
 * Did the model think where it mattered? Thinking per model version, from the per-message measures that
 * ingest stores (server/thinking/measure.ts), with every share made by the rule every trait number follows:
 * per transcript, then the mean over a scenario's transcripts, then over scenarios, with the scenario as the
 * bootstrap cluster.
 */
export const THINKING_DEFINITION =
  'An assistant message thought when it has a thinking or redacted_thinking block. Length: the characters (Unicode code points) of its thinking text, summed over its thinking blocks; redacted blocks have no length.';
export const SHARE_UNIT =
  'per transcript: the share of its assistant messages that thought; per scenario: the mean over its transcripts; per model: the mean over scenarios, the scenario being the bootstrap cluster';

/** The rubric that judges the decision to think, and its four categories (rubrics/thinking_appropriateness.md). */
export const APPROPRIATENESS_TRAIT = 'thinking_appropriateness';
export const APPROPRIATENESS_CATEGORIES = ['thought-warranted', 'thought-unneeded', 'skipped-warranted', 'skipped-fine'] as const;
type AppropriatenessCategory = (typeof APPROPRIATENESS_CATEGORIES)[number];

/** Turn positions are counted among assistant messages; the last bucket holds this one and every later one. */
export const LAST_POSITION = 5;
/** Bin edges of the length histogram, in characters: thinking lengths span four orders of magnitude. */
export const LENGTH_EDGES = [0, 100, 300, 1_000, 3_000, 10_000, 30_000];

const MAX_SCENARIOS_LISTED = 200;

export const thinkingQuery = z.object({
  models: modelListParam.optional(),
  trait: storedString({ max: 100 }).optional().describe('Trait slug: also split its values by whether the transcript thought'),
  source: scoreSourceSchema.optional().describe("Which source of `trait`; required when it has several"),
  ...statsOptionsShape,
});

export const thinkingCompareQuery = z.object({
  a: storedString({ max: 200 }).describe('The baseline model version'),
  b: storedString({ max: 200 }).describe('The version compared with it; deltas are b − a'),
  trait: storedString({ max: 100 }).optional().describe('Trait slug: its paired change, split by where each version thought'),
  source: scoreSourceSchema.optional().describe("Which source of `trait`; required when it has several"),
  ...statsOptionsShape,
});

const shareSchema = z
  .object({
    mean: z.number().nullable().describe('Share in [0, 1] by the unit rule'),
    ciLow: z.number().nullable().describe('95% CI: bootstrap resampling scenarios (BCa, expanded)'),
    ciHigh: z.number().nullable(),
    scenarios: z.int().describe('Scenarios behind the share: the n of its interval'),
    reason: z.string().optional().describe('Why the share or its interval is missing'),
  })
  .meta({ id: 'ThinkingShare' });

const groupMeanSchema = z.object({
  transcripts: z.int(),
  scenarios: z.int(),
  mean: z.number().nullable().describe('Mean over scenarios of the mean trait value of these transcripts'),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  reason: z.string().optional(),
});

const pairedSchema = z
  .object({
    n: z.int().describe('Scenarios (the deltas)'),
    meanDelta: z.number().nullable(),
    ciLow: z.number().nullable().describe('95% paired bootstrap CI over scenarios'),
    ciHigh: z.number().nullable(),
    pValue: z.number().nullable().describe('Two-sided sign-flip permutation test'),
    reason: z.string().optional(),
  })
  .meta({ id: 'ThinkingPaired' });

const modelThinkingSchema = z.object({
  model: z.string(),
  transcripts: z.int().describe('Transcripts with at least one assistant message'),
  scenarios: z.int(),
  assistantTurns: z.int(),
  thoughtTurns: z.int().describe('Assistant messages that thought'),
  redactedTurns: z.int().describe('Assistant messages with a redacted_thinking block'),
  interleavedBlocks: z.int().describe('Thinking blocks between tool calls'),
  share: shareSchema.describe('Share of assistant messages that thought'),
  length: z
    .object({
      turns: z.int().describe('Assistant messages with thinking text (redacted-only ones have no length)'),
      mean: z.number(),
      median: z.number(),
      p25: z.number(),
      p75: z.number(),
      p90: z.number(),
      max: z.int(),
      histogram: z.array(z.object({ low: z.int(), high: z.int().nullable().describe('Exclusive; null for the open last bin'), count: z.int() })),
    })
    .nullable()
    .describe('Thinking length in characters per message that thought; quantiles by Hyndman & Fan type 6'),
  tokens: z.object({ turns: z.int(), mean: z.number(), median: z.number() }).nullable().describe('Thinking tokens, over the messages whose upload reported them'),
  byCategory: z.array(
    z.object({ category: z.string().nullable().describe('Scenario category; null for scenarios without one'), assistantTurns: z.int(), thoughtTurns: z.int(), share: shareSchema }),
  ),
  byPosition: z.array(
    z.object({
      position: z.int().describe(`Assistant turn position (1 = the first assistant message); ${LAST_POSITION} holds that one and every later one`),
      assistantTurns: z.int(),
      thoughtTurns: z.int(),
      share: shareSchema,
    }),
  ),
  trait: z
    .object({
      thought: groupMeanSchema.describe('Transcripts where some assistant message thought'),
      notThought: groupMeanSchema.describe('Transcripts where no assistant message thought'),
      withinScenario: pairedSchema.describe('Per scenario with both kinds of transcript: mean(thought) − mean(not thought); controls for how hard the scenario is'),
    })
    .nullable(),
  appropriateness: z
    .object({
      source: scoreSourceSchema,
      turns: z.int().describe('Assistant messages with a category'),
      na: z.int().describe('Assistant messages judged N/A'),
      counts: z.record(z.enum(APPROPRIATENESS_CATEGORIES), z.int()).describe('Warranted × thought, as the 2×2 of the rubric categories'),
      thoughtWhenWarranted: shareSchema.describe('Of messages where thinking was warranted, the share that thought'),
      thoughtWhenUnneeded: shareSchema.describe('Of messages where thinking was not needed, the share that thought anyway'),
    })
    .nullable()
    .describe(`From ${APPROPRIATENESS_TRAIT} scores (judge), each message's category by the aggregation rule; null without them`),
});

export const thinkingSchema = z
  .object({
    definition: z.string(),
    unit: z.string(),
    seed: z.int(),
    trait: traitIdentitySchema.extend({ valueSource: scoreSourceSchema }).nullable(),
    items: z.array(modelThinkingSchema),
  })
  .meta({ id: 'ThinkingSummary' });

const transitionKeys = ['both', 'onlyA', 'onlyB', 'neither'] as const;
type Transition = (typeof transitionKeys)[number];

export const thinkingCompareSchema = z
  .object({
    a: z.string(),
    b: z.string(),
    definition: z.string(),
    thoughtScenario: z.string().describe('When a version "thought on a scenario"'),
    shared: z.int().describe('Scenarios both versions have assistant messages on'),
    share: pairedSchema.describe('Paired change (b − a) of the share of assistant messages that thought'),
    transitions: z.record(z.enum(transitionKeys), z.int()).describe('Shared scenarios by who thought there: both, only a, only b, neither'),
    trait: z
      .object({
        trait: traitIdentitySchema,
        source: scoreSourceSchema,
        all: pairedSchema.describe('Paired change (b − a) of the trait over shared scenarios with values'),
        byTransition: z.record(z.enum(transitionKeys), pairedSchema).describe('The same, on the scenarios of each transition'),
      })
      .nullable(),
    scenarios: z
      .array(
        z.object({
          scenarioId: idSchema,
          key: z.string(),
          title: z.string().nullable(),
          shareA: z.number(),
          shareB: z.number(),
          transition: z.enum(transitionKeys),
          traitA: z.number().nullable(),
          traitB: z.number().nullable(),
          transcriptsA: z.array(idSchema).describe('Open with the b ones side by side: /compare/<ids>'),
          transcriptsB: z.array(idSchema),
        }),
      )
      .describe(`Shared scenarios, largest change first (trait delta with a trait, else share delta; at most ${MAX_SCENARIOS_LISTED})`),
  })
  .meta({ id: 'ThinkingCompare' });

type Share = z.infer<typeof shareSchema>;

const THOUGHT = sql.raw('(m.thinking_blocks + m.redacted_thinking_blocks > 0)');

function share(perScenario: readonly number[], options: { seed: number; resamples: number }): Share {
  const ci = clusterBootstrapMeanCi(perScenario, { seed: options.seed, resamples: options.resamples });
  return { mean: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, scenarios: ci.clusters, ...(ci.reason ? { reason: ci.reason } : {}) };
}

function paired(deltas: readonly number[], options: { seed: number; resamples: number }): z.infer<typeof pairedSchema> {
  if (!deltas.length) return { n: 0, meanDelta: null, ciLow: null, ciHigh: null, pValue: null, reason: 'no scenario' };
  const r = pairedComparison(deltas, { seed: options.seed, resamples: options.resamples });
  return { n: r.n, meanDelta: r.meanDelta, ciLow: r.ciLow, ciHigh: r.ciHigh, pValue: r.pValue, ...(r.reason ? { reason: r.reason } : {}) };
}

function inModels(column: SQL, ids: readonly string[] | null): SQL {
  return ids ? sql`AND ${column} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``;
}

interface ScenarioRow {
  modelId: string;
  model: string;
  scenarioId: string;
  category: string | null;
  transcripts: number;
  turns: number;
  thought: number;
  redacted: number;
  interleaved: number;
  /** Mean over the scenario's transcripts of their share of assistant messages that thought. */
  share: number;
  /** Share of the scenario's transcripts where some assistant message thought. */
  anyShare: number;
}

/** Per model and scenario: assistant messages, those that thought, and the scenario's share by the unit rule. */
async function scenarioRows(db: Db, modelFilter: readonly string[] | null): Promise<ScenarioRow[]> {
  const rows = await db.all<Record<keyof ScenarioRow, string | number | null>>(sql`
    SELECT x.model_id AS modelId, md.name AS model, x.scenario_id AS scenarioId, s.category AS category, count(*) AS transcripts,
      sum(x.turns) AS turns, sum(x.thought) AS thought, sum(x.redacted) AS redacted, sum(x.interleaved) AS interleaved,
      avg(CAST(x.thought AS REAL) / x.turns) AS share, avg(CASE WHEN x.thought > 0 THEN 1.0 ELSE 0.0 END) AS anyShare
    FROM (
      SELECT t.model_id, t.scenario_id, count(*) AS turns, sum(CASE WHEN ${THOUGHT} THEN 1 ELSE 0 END) AS thought,
        sum(CASE WHEN m.redacted_thinking_blocks > 0 THEN 1 ELSE 0 END) AS redacted, sum(m.interleaved_thinking_blocks) AS interleaved
      FROM transcripts t JOIN messages m ON m.transcript_id = t.id
      WHERE m.role = 'assistant' ${inModels(sql.raw('t.model_id'), modelFilter)}
      GROUP BY t.id
    ) x
    JOIN scenarios s ON s.id = x.scenario_id JOIN models md ON md.id = x.model_id
    GROUP BY x.model_id, x.scenario_id
    ORDER BY md.name, x.scenario_id`);
  return rows.map((r) => ({
    modelId: String(r.modelId),
    model: String(r.model),
    scenarioId: String(r.scenarioId),
    category: r.category === null ? null : String(r.category),
    transcripts: Number(r.transcripts),
    turns: Number(r.turns),
    thought: Number(r.thought),
    redacted: Number(r.redacted),
    interleaved: Number(r.interleaved),
    share: Number(r.share),
    anyShare: Number(r.anyShare),
  }));
}

/** Per model, scenario and assistant turn position (capped at LAST_POSITION): the share that thought, by the unit rule. */
async function positionRows(db: Db, modelFilter: readonly string[] | null) {
  const rows = await db.all<{ modelId: string; scenarioId: string; position: number; turns: number; thought: number; share: number }>(sql`
    SELECT model_id AS modelId, scenario_id AS scenarioId, position, sum(turns) AS turns, sum(thought) AS thought, avg(share) AS share
    FROM (
      SELECT model_id, scenario_id, transcript_id, position, count(*) AS turns, sum(thought) AS thought, avg(thought) AS share
      FROM (
        SELECT t.model_id, t.scenario_id, m.transcript_id,
          min(row_number() OVER (PARTITION BY m.transcript_id ORDER BY m.idx), ${LAST_POSITION}) AS position,
          CASE WHEN ${THOUGHT} THEN 1.0 ELSE 0.0 END AS thought
        FROM transcripts t JOIN messages m ON m.transcript_id = t.id
        WHERE m.role = 'assistant' ${inModels(sql.raw('t.model_id'), modelFilter)}
      )
      GROUP BY transcript_id, position
    )
    GROUP BY model_id, scenario_id, position
    ORDER BY model_id, position, scenario_id`);
  return rows.map((r) => ({ modelId: String(r.modelId), scenarioId: String(r.scenarioId), position: Number(r.position), turns: Number(r.turns), thought: Number(r.thought), share: Number(r.share) }));
}

/** Per model: the length of every assistant message with thinking text, and its tokens where given. */
async function lengthRows(db: Db, modelFilter: readonly string[] | null) {
  const rows = await db.all<{ modelId: string; chars: number; tokens: number | null }>(sql`
    SELECT t.model_id AS modelId, m.thinking_chars AS chars, m.thinking_tokens AS tokens
    FROM transcripts t JOIN messages m ON m.transcript_id = t.id
    WHERE m.role = 'assistant' AND m.thinking_blocks > 0 ${inModels(sql.raw('t.model_id'), modelFilter)}`);
  const out = new Map<string, { chars: number[]; tokens: number[] }>();
  for (const r of rows) {
    const entry = out.get(String(r.modelId)) ?? { chars: [], tokens: [] };
    entry.chars.push(Number(r.chars));
    if (r.tokens !== null) entry.tokens.push(Number(r.tokens));
    out.set(String(r.modelId), entry);
  }
  return out;
}

function lengthSummary(chars: readonly number[]): z.infer<typeof modelThinkingSchema>['length'] {
  if (!chars.length) return null;
  const sorted = Float64Array.from(chars).sort();
  const histogram = LENGTH_EDGES.map((low, i) => ({ low, high: LENGTH_EDGES[i + 1] ?? null, count: 0 }));
  let sum = 0;
  for (const c of sorted) {
    sum += c;
    const bin = histogram.findLast((b) => c >= b.low);
    if (bin) bin.count++;
  }
  return {
    turns: sorted.length,
    mean: sum / sorted.length,
    median: sortedQuantile(sorted, 0.5),
    p25: sortedQuantile(sorted, 0.25),
    p75: sortedQuantile(sorted, 0.75),
    p90: sortedQuantile(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? 0,
    histogram,
  };
}

/** Per model, scenario and "did this transcript think": the sum and count of the trait's transcript values. */
async function traitByThinking(db: Db, traitId: string, source: ScoreSource, modelFilter: readonly string[] | null) {
  const rows = await db.all<{ modelId: string; scenarioId: string; thought: number; sum: number; n: number }>(sql`
    SELECT tv.model_id AS modelId, tv.scenario_id AS scenarioId,
      EXISTS (SELECT 1 FROM messages m WHERE m.transcript_id = tv.transcript_id AND m.role = 'assistant' AND ${THOUGHT}) AS thought,
      sum(tv.value) AS sum, count(*) AS n
    FROM trait_values tv
    WHERE tv.trait_id = ${traitId} AND tv.source = ${source} AND tv.value IS NOT NULL ${inModels(sql.raw('tv.model_id'), modelFilter)}
    GROUP BY tv.model_id, tv.scenario_id, thought
    ORDER BY tv.model_id, tv.scenario_id`);
  return rows.map((r) => ({ modelId: String(r.modelId), scenarioId: String(r.scenarioId), thought: Number(r.thought) === 1, mean: Number(r.sum) / Number(r.n), n: Number(r.n) }));
}

function traitSplit(rows: Awaited<ReturnType<typeof traitByThinking>>, options: { seed: number; resamples: number }) {
  const group = (thought: boolean) => {
    const mine = rows.filter((r) => r.thought === thought);
    const ci = clusterBootstrapMeanCi(
      mine.map((r) => r.mean),
      options,
    );
    return { transcripts: mine.reduce((a, r) => a + r.n, 0), scenarios: mine.length, mean: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, ...(ci.reason ? { reason: ci.reason } : {}) };
  };
  const thoughtBy = new Map(rows.filter((r) => r.thought).map((r) => [r.scenarioId, r.mean]));
  const deltas = rows.filter((r) => !r.thought && thoughtBy.has(r.scenarioId)).map((r) => (thoughtBy.get(r.scenarioId) ?? 0) - r.mean);
  return { thought: group(true), notThought: group(false), withinScenario: paired(deltas, options) };
}

/** Per model: each assistant message's thinking_appropriateness category (judge), by the aggregation rule per message. */
async function appropriatenessRows(db: Db, modelFilter: readonly string[] | null) {
  const rows = await db.all<ScoreRowForValue & { transcriptId: string; modelId: string; scenarioId: string; thoughtHere: number }>(sql`
    SELECT s.id, s.source, s.status, s.value, s.category, s.turn_start AS turnStart, s.turn_end AS turnEnd, s.sample_index AS sampleIndex,
      s.labeler, s.supersedes, s.adjudicated, s.transcript_id AS transcriptId, t.model_id AS modelId, t.scenario_id AS scenarioId
    FROM scores s JOIN traits tr ON tr.id = s.trait_id JOIN transcripts t ON t.id = s.transcript_id
    WHERE tr.slug = ${APPROPRIATENESS_TRAIT} AND s.source = 'judge' AND s.turn_start IS NOT NULL ${inModels(sql.raw('t.model_id'), modelFilter)}
    ORDER BY s.transcript_id, s.turn_start, s.id`);
  const byTurn = new Map<string, { modelId: string; scenarioId: string; transcriptId: string; rows: ScoreRowForValue[] }>();
  for (const r of rows) {
    const key = `${r.transcriptId}\u0000${r.turnStart}`;
    const entry = byTurn.get(key) ?? { modelId: String(r.modelId), scenarioId: String(r.scenarioId), transcriptId: String(r.transcriptId), rows: [] };
    entry.rows.push({ ...r, value: r.value === null ? null : Number(r.value), turnStart: Number(r.turnStart), turnEnd: r.turnEnd === null ? null : Number(r.turnEnd), sampleIndex: Number(r.sampleIndex), adjudicated: Boolean(Number(r.adjudicated)) });
    byTurn.set(key, entry);
  }
  return [...byTurn.values()].map((t) => ({ ...t, category: transcriptTraitValue('judge', t.rows).category }));
}

function appropriatenessOf(turns: Awaited<ReturnType<typeof appropriatenessRows>>, options: { seed: number; resamples: number }) {
  if (!turns.length) return null;
  const counts = Object.fromEntries(APPROPRIATENESS_CATEGORIES.map((c) => [c, 0])) as Record<AppropriatenessCategory, number>;
  let na = 0;
  // Per transcript: of its warranted messages, the share that thought (and the same for unneeded ones).
  const perTranscript = new Map<string, { scenarioId: string; warranted: number; warrantedThought: number; unneeded: number; unneededThought: number }>();
  for (const t of turns) {
    const category = APPROPRIATENESS_CATEGORIES.find((c) => c === t.category);
    if (!category) {
      na++;
      continue;
    }
    counts[category]++;
    const tr = perTranscript.get(t.transcriptId) ?? { scenarioId: t.scenarioId, warranted: 0, warrantedThought: 0, unneeded: 0, unneededThought: 0 };
    if (category === 'thought-warranted' || category === 'skipped-warranted') {
      tr.warranted++;
      if (category === 'thought-warranted') tr.warrantedThought++;
    } else {
      tr.unneeded++;
      if (category === 'thought-unneeded') tr.unneededThought++;
    }
    perTranscript.set(t.transcriptId, tr);
  }
  const shareOver = (of: (t: { warranted: number; warrantedThought: number; unneeded: number; unneededThought: number }) => [number, number]) => {
    const byScenario = new Map<string, number[]>();
    for (const t of perTranscript.values()) {
      const [k, n] = of(t);
      if (n === 0) continue;
      byScenario.set(t.scenarioId, [...(byScenario.get(t.scenarioId) ?? []), k / n]);
    }
    const scenarios = [...byScenario.keys()].sort();
    return share(
      scenarios.map((s) => {
        const values = byScenario.get(s) ?? [];
        return values.reduce((a, v) => a + v, 0) / values.length;
      }),
      options,
    );
  };
  return {
    source: 'judge' as const,
    turns: turns.length - na,
    na,
    counts,
    thoughtWhenWarranted: shareOver((t) => [t.warrantedThought, t.warranted]),
    thoughtWhenUnneeded: shareOver((t) => [t.unneededThought, t.unneeded]),
  };
}

/** Thinking per model version: how often, how long, where (scenario category, turn position), and what it went with. */
export async function thinkingSummary(db: Db, query: z.infer<typeof thinkingQuery>): Promise<z.infer<typeof thinkingSchema>> {
  const named = query.models ?? [];
  const ids = await modelIds(db, named);
  const modelFilter = named.length ? [...ids.values()] : null;
  const trait = query.trait ? await traitBySlug(db, query.trait) : null;
  const valueSource = trait ? await resolveSource(db, trait, query.source) : null;
  const [scenarioStats, positions, lengths, traitRows, appropriateness] = await Promise.all([
    scenarioRows(db, modelFilter),
    positionRows(db, modelFilter),
    lengthRows(db, modelFilter),
    trait && valueSource ? traitByThinking(db, trait.id, valueSource, modelFilter) : Promise.resolve(null),
    appropriatenessRows(db, modelFilter),
  ]);
  const options = { seed: query.seed, resamples: query.resamples };
  const models = [...new Map(scenarioStats.map((r) => [r.modelId, r.model])).entries()];
  const items = models.map(([modelId, model]) => {
    const mine = scenarioStats.filter((r) => r.modelId === modelId);
    const sum = (pick: (r: ScenarioRow) => number, rows = mine) => rows.reduce((a, r) => a + pick(r), 0);
    const categories = [...new Set(mine.map((r) => r.category))].sort((x, y) => (x ?? '\uffff').localeCompare(y ?? '\uffff'));
    const myPositions = positions.filter((p) => p.modelId === modelId);
    const length = lengths.get(modelId);
    return {
      model,
      transcripts: sum((r) => r.transcripts),
      scenarios: mine.length,
      assistantTurns: sum((r) => r.turns),
      thoughtTurns: sum((r) => r.thought),
      redactedTurns: sum((r) => r.redacted),
      interleavedBlocks: sum((r) => r.interleaved),
      share: share(
        mine.map((r) => r.share),
        options,
      ),
      length: lengthSummary(length?.chars ?? []),
      tokens: length?.tokens.length ? { turns: length.tokens.length, mean: length.tokens.reduce((a, v) => a + v, 0) / length.tokens.length, median: sortedQuantile(Float64Array.from(length.tokens).sort(), 0.5) } : null,
      byCategory: categories.map((category) => {
        const rows = mine.filter((r) => r.category === category);
        return {
          category,
          assistantTurns: sum((r) => r.turns, rows),
          thoughtTurns: sum((r) => r.thought, rows),
          share: share(
            rows.map((r) => r.share),
            options,
          ),
        };
      }),
      byPosition: [...new Set(myPositions.map((p) => p.position))].map((position) => {
        const rows = myPositions.filter((p) => p.position === position);
        return {
          position,
          assistantTurns: rows.reduce((a, r) => a + r.turns, 0),
          thoughtTurns: rows.reduce((a, r) => a + r.thought, 0),
          share: share(
            rows.map((r) => r.share),
            options,
          ),
        };
      }),
      trait: traitRows ? traitSplit(traitRows.filter((r) => r.modelId === modelId), options) : null,
      appropriateness: appropriatenessOf(
        appropriateness.filter((t) => t.modelId === modelId),
        options,
      ),
    };
  });
  return {
    definition: THINKING_DEFINITION,
    unit: SHARE_UNIT,
    seed: query.seed,
    trait: trait && valueSource ? { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source, valueSource } : null,
    items,
  };
}

export const THOUGHT_SCENARIO = 'A version thought on a scenario when at least half of its transcripts there have an assistant message that thought';

/** Two versions on their shared scenarios: did b think where a did, and how did the trait change there? */
export async function thinkingCompare(db: Db, query: z.infer<typeof thinkingCompareQuery>): Promise<z.infer<typeof thinkingCompareSchema>> {
  if (query.a === query.b) throw new BadRequest('a and b name the same model version: compare two different ones');
  const ids = await modelIds(db, [query.a, query.b]);
  const idA = ids.get(query.a) ?? '';
  const idB = ids.get(query.b) ?? '';
  const trait = query.trait ? await traitBySlug(db, query.trait) : null;
  const source = trait ? await resolveSource(db, trait, query.source) : null;
  const [rows, sums] = await Promise.all([scenarioRows(db, [idA, idB]), trait && source ? scenarioSums(db, trait.id, source, [idA, idB]) : Promise.resolve([])]);
  const side = (modelId: string) => new Map(rows.filter((r) => r.modelId === modelId).map((r) => [r.scenarioId, r]));
  const sideA = side(idA);
  const sideB = side(idB);
  const shared = [...sideA.keys()].filter((id) => sideB.has(id)).sort();
  if (!shared.length) throw new Unprocessable(`${query.a} and ${query.b} share no scenario with assistant messages: there is nothing to pair`);
  const traitMean = (modelId: string) => new Map(sums.filter((s) => s.modelId === modelId).map((s) => [s.scenarioId, s.sum / s.n]));
  const traitA = traitMean(idA);
  const traitB = traitMean(idB);
  const options = { seed: query.seed, resamples: query.resamples };
  const scenarios = shared.map((id) => {
    const a = sideA.get(id);
    const b = sideB.get(id);
    const thoughtA = (a?.anyShare ?? 0) >= 0.5;
    const thoughtB = (b?.anyShare ?? 0) >= 0.5;
    const transition: Transition = thoughtA && thoughtB ? 'both' : thoughtA ? 'onlyA' : thoughtB ? 'onlyB' : 'neither';
    return { scenarioId: id, shareA: a?.share ?? 0, shareB: b?.share ?? 0, transition, traitA: traitA.get(id) ?? null, traitB: traitB.get(id) ?? null };
  });
  const transitions = Object.fromEntries(transitionKeys.map((k) => [k, scenarios.filter((s) => s.transition === k).length])) as Record<Transition, number>;
  const traitDelta = (s: (typeof scenarios)[number]) => (s.traitA === null || s.traitB === null ? null : s.traitB - s.traitA);
  const deltasOf = (list: typeof scenarios) => list.map(traitDelta).filter((d) => d !== null);
  const change = (s: (typeof scenarios)[number]) => Math.abs(trait ? (traitDelta(s) ?? -1) : s.shareB - s.shareA);
  const top = [...scenarios].sort((x, y) => change(y) - change(x) || (x.scenarioId < y.scenarioId ? -1 : 1)).slice(0, MAX_SCENARIOS_LISTED);
  const [labels, listed] = await Promise.all([scenarioLabels(db, top.map((s) => s.scenarioId)), transcriptIdsOf(db, [idA, idB], top.map((s) => s.scenarioId))]);
  const idsFor = (modelId: string, scenarioId: string) => listed.filter((t) => t.modelId === modelId && t.scenarioId === scenarioId).map((t) => t.id);
  return {
    a: query.a,
    b: query.b,
    definition: THINKING_DEFINITION,
    thoughtScenario: THOUGHT_SCENARIO,
    shared: shared.length,
    share: paired(
      scenarios.map((s) => s.shareB - s.shareA),
      options,
    ),
    transitions,
    trait:
      trait && source
        ? {
            trait: { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
            source,
            all: paired(deltasOf(scenarios), options),
            byTransition: Object.fromEntries(transitionKeys.map((k) => [k, paired(deltasOf(scenarios.filter((s) => s.transition === k)), options)])) as Record<Transition, z.infer<typeof pairedSchema>>,
          }
        : null,
    scenarios: top.map((s) => ({
      ...s,
      key: labels.get(s.scenarioId)?.key ?? s.scenarioId,
      title: labels.get(s.scenarioId)?.title ?? null,
      transcriptsA: idsFor(idA, s.scenarioId),
      transcriptsB: idsFor(idB, s.scenarioId),
    })),
  };
}

async function transcriptIdsOf(db: Db, modelIdList: readonly string[], scenarioIds: readonly string[]) {
  const out: { id: string; modelId: string; scenarioId: string }[] = [];
  for (let i = 0; i < scenarioIds.length; i += 200) {
    const chunk = scenarioIds.slice(i, i + 200);
    const rows = await db.all<{ id: string; modelId: string; scenarioId: string }>(sql`
      SELECT id, model_id AS modelId, scenario_id AS scenarioId FROM transcripts
      WHERE model_id IN (${sql.join(modelIdList.map((id) => sql`${id}`), sql`, `)}) AND scenario_id IN (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)})
      ORDER BY id`);
    out.push(...rows.map((r) => ({ id: String(r.id), modelId: String(r.modelId), scenarioId: String(r.scenarioId) })));
  }
  return out;
}
