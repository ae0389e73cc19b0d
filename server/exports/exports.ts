import { aliasedTable, and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { comparisons, models, scenarios, scores, traits, traitValues, transcripts } from '../../db/schema/index.ts';
import { valueBasis } from '../aggregate/rule.ts';
import { DEFAULT_SEED, modelIds, traitBySlug } from '../queries/stats/common.ts';
import { traitSummaries } from '../queries/stats/summary.ts';
import { formatRows, type ExportFormat } from './format.ts';

export const exportKinds = ['scores', 'labels', 'comparisons', 'values', 'stats'] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportFilter {
  trait?: string | undefined;
  model?: string | undefined;
  source?: 'judge' | 'human' | 'import' | undefined;
}

const PAGE = 2000;
const iso = (ms: number) => new Date(ms).toISOString();

const scoreColumns = ['score_id', 'transcript_id', 'external_id', 'model', 'scenario', 'transcript_sample', 'trait', 'source', 'status', 'value', 'category', 'na_reason', 'turn_start', 'turn_end', 'judge_sample', 'labeler', 'rubric_version_id', 'judge_run_id', 'label_queue_id', 'adjudicated', 'supersedes', 'evidence', 'rationale', 'created_at'];

export const exportColumns: Record<ExportKind, readonly string[]> = {
  scores: scoreColumns,
  labels: scoreColumns,
  comparisons: ['comparison_id', 'trait', 'source', 'scenario', 'transcript_a', 'model_a', 'sample_a', 'transcript_b', 'model_b', 'sample_b', 'winner', 'shown_order', 'status', 'supersedes', 'labeler', 'judge_run_id', 'label_queue_id', 'rationale', 'created_at'],
  values: ['transcript_id', 'external_id', 'model', 'scenario', 'transcript_sample', 'trait', 'source', 'value', 'category', 'raters', 'ranges', 'spread', 'na', 'invalid', 'failed', 'superseded', 'adjudicated', 'basis'],
  stats: ['trait', 'trait_title', 'source', 'model', 'n_transcripts', 'n_scenarios', 'mean', 'ci_low', 'ci_high', 'level', 'median', 'sd', 'na', 'invalid', 'failed', 'unit'],
};

/**
 * An export as chunks of text (CSV with a header, or JSON lines), read from the database a page at a time by
 * keyset, so an export of a million scores never sits in memory whole.
 */
export async function* exportRows(db: Db, kind: ExportKind, format: ExportFormat, filter: ExportFilter): AsyncGenerator<string> {
  const columns = exportColumns[kind];
  const trait = filter.trait ? await traitBySlug(db, filter.trait) : null;
  const modelId = filter.model ? (await modelIds(db, [filter.model])).get(filter.model) : undefined;
  let header = true;
  const emit = (rows: Record<string, string | number | boolean | null>[]) => {
    const text = formatRows(rows, columns, format, header && format === 'csv');
    header = false;
    return text;
  };
  if (kind === 'stats') {
    const summary = await traitSummaries(db, { trait: filter.trait, models: filter.model ? [filter.model] : undefined, source: filter.source, seed: DEFAULT_SEED, resamples: 2000 });
    yield emit(
      summary.items.map((i) => ({ trait: i.trait.slug, trait_title: i.trait.title, source: i.source, model: i.model, n_transcripts: i.n, n_scenarios: i.scenarios, mean: i.mean, ci_low: i.ciLow, ci_high: i.ciHigh, level: i.level, median: i.median, sd: i.sd, na: i.na, invalid: i.invalid, failed: i.failed, unit: summary.unit })),
    );
    return;
  }
  if (kind === 'comparisons') {
    const ta = aliasedTable(transcripts, 'ta');
    const tb = aliasedTable(transcripts, 'tb');
    const ma = aliasedTable(models, 'ma');
    const mb = aliasedTable(models, 'mb');
    let after = '';
    for (;;) {
      const conditions: (SQL | undefined)[] = [gt(comparisons.id, after), trait ? eq(comparisons.traitId, trait.id) : undefined, filter.source ? eq(comparisons.source, filter.source) : undefined, modelId ? eq(ta.modelId, modelId) : undefined];
      const rows = await db
        .select({ c: comparisons, trait: traits.slug, scenario: scenarios.key, modelA: ma.name, sampleA: ta.sampleIndex, modelB: mb.name, sampleB: tb.sampleIndex })
        .from(comparisons)
        .innerJoin(traits, eq(traits.id, comparisons.traitId))
        .innerJoin(ta, eq(ta.id, comparisons.transcriptA))
        .innerJoin(tb, eq(tb.id, comparisons.transcriptB))
        .innerJoin(ma, eq(ma.id, ta.modelId))
        .innerJoin(mb, eq(mb.id, tb.modelId))
        .innerJoin(scenarios, eq(scenarios.id, ta.scenarioId))
        .where(and(...conditions))
        .orderBy(asc(comparisons.id))
        .limit(PAGE);
      if (!rows.length) break;
      yield emit(
        rows.map((r) => ({
          comparison_id: r.c.id,
          trait: r.trait,
          source: r.c.source,
          scenario: r.scenario,
          transcript_a: r.c.transcriptA,
          model_a: r.modelA,
          sample_a: r.sampleA,
          transcript_b: r.c.transcriptB,
          model_b: r.modelB,
          sample_b: r.sampleB,
          winner: r.c.winner,
          shown_order: r.c.shownOrder,
          status: r.c.status,
          supersedes: r.c.supersedes,
          labeler: r.c.labeler,
          judge_run_id: r.c.judgeRunId,
          label_queue_id: r.c.labelQueueId,
          rationale: r.c.rationale,
          created_at: iso(r.c.createdAt),
        })),
      );
      after = rows.at(-1)?.c.id ?? after;
    }
    return;
  }
  if (kind === 'values') {
    let after = { transcriptId: '', traitId: '', source: '' };
    for (;;) {
      const rows = await db
        .select({ v: traitValues, trait: traits.slug, model: models.name, scenario: scenarios.key, externalId: transcripts.externalId, sample: transcripts.sampleIndex })
        .from(traitValues)
        .innerJoin(traits, eq(traits.id, traitValues.traitId))
        .innerJoin(transcripts, eq(transcripts.id, traitValues.transcriptId))
        .innerJoin(models, eq(models.id, traitValues.modelId))
        .innerJoin(scenarios, eq(scenarios.id, traitValues.scenarioId))
        .where(
          and(
            // Keyset over the primary key (transcript, trait, source).
            sqlAfter(after),
            trait ? eq(traitValues.traitId, trait.id) : undefined,
            filter.source ? eq(traitValues.source, filter.source) : undefined,
            modelId ? eq(traitValues.modelId, modelId) : undefined,
          ),
        )
        .orderBy(asc(traitValues.transcriptId), asc(traitValues.traitId), asc(traitValues.source))
        .limit(PAGE);
      if (!rows.length) break;
      yield emit(
        rows.map((r) => ({
          transcript_id: r.v.transcriptId,
          external_id: r.externalId,
          model: r.model,
          scenario: r.scenario,
          transcript_sample: r.sample,
          trait: r.trait,
          source: r.v.source,
          value: r.v.value,
          category: r.v.category,
          raters: r.v.raters,
          ranges: r.v.ranges,
          spread: r.v.spread,
          na: r.v.na,
          invalid: r.v.invalid,
          failed: r.v.failed,
          superseded: r.v.superseded,
          adjudicated: r.v.adjudicated,
          basis: valueBasis(r.v),
        })),
      );
      const last = rows.at(-1)?.v;
      if (!last) break;
      after = { transcriptId: last.transcriptId, traitId: last.traitId, source: last.source };
    }
    return;
  }
  const source = kind === 'labels' ? 'human' : filter.source;
  let after = '';
  for (;;) {
    const rows = await db
      .select({ s: scores, trait: traits.slug, model: models.name, scenario: scenarios.key, externalId: transcripts.externalId, sample: transcripts.sampleIndex })
      .from(scores)
      .innerJoin(traits, eq(traits.id, scores.traitId))
      .innerJoin(transcripts, eq(transcripts.id, scores.transcriptId))
      .innerJoin(models, eq(models.id, transcripts.modelId))
      .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
      .where(and(gt(scores.id, after), trait ? eq(scores.traitId, trait.id) : undefined, source ? eq(scores.source, source) : undefined, modelId ? eq(transcripts.modelId, modelId) : undefined))
      .orderBy(asc(scores.id))
      .limit(PAGE);
    if (!rows.length) break;
    yield emit(
      rows.map((r) => ({
        score_id: r.s.id,
        transcript_id: r.s.transcriptId,
        external_id: r.externalId,
        model: r.model,
        scenario: r.scenario,
        transcript_sample: r.sample,
        trait: r.trait,
        source: r.s.source,
        status: r.s.status,
        value: r.s.value,
        category: r.s.category,
        na_reason: r.s.naReason,
        turn_start: r.s.turnStart,
        turn_end: r.s.turnEnd,
        judge_sample: r.s.sampleIndex,
        labeler: r.s.labeler,
        rubric_version_id: r.s.rubricVersionId,
        judge_run_id: r.s.judgeRunId,
        label_queue_id: r.s.labelQueueId,
        adjudicated: r.s.adjudicated,
        supersedes: r.s.supersedes,
        evidence: JSON.stringify(r.s.evidence),
        rationale: r.s.rationale,
        created_at: iso(r.s.createdAt),
      })),
    );
    after = rows.at(-1)?.s.id ?? after;
  }
}

function sqlAfter(after: { transcriptId: string; traitId: string; source: string }): SQL | undefined {
  if (!after.transcriptId) return undefined;
  return sql`(${traitValues.transcriptId}, ${traitValues.traitId}, ${traitValues.source}) > (${after.transcriptId}, ${after.traitId}, ${after.source})`;
}
