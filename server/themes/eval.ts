import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { models, scenarios, themes, traits, traitValues, transcripts, type ScoreSource } from '../../db/schema/index.ts';
import { NotFound } from '../lib/errors.ts';
import type { BootstrapOptions } from '../stats/bootstrap.ts';
import { clusterBootstrapMeanCi } from '../stats/bootstrap.ts';
import { acceptedDrafts, type DraftRow } from './drafts.ts';

export const EVAL_FAILURE_UNIT =
  "per transcript: 1 if its value of the draft's trait (by the aggregation rule) is at or past the draft's failure level on the trait's bad side, else 0; per scenario: the mean over its judged transcripts; per model version: the mean over the theme's scenarios, the scenario being the bootstrap cluster";

/** Whether a per-transcript value fails: at or below the level for a higher-is-better trait, at or above it otherwise. */
export function fails(value: number, threshold: number, polarity: string): boolean {
  return polarity === 'lower_is_better' ? value >= threshold : value <= threshold;
}

/**
 * The scenarios of a theme's eval: each accepted draft's key, as native uploads carry it, or as an Inspect log
 * of the exported dataset names it (`inspect/<task>/<key>`).
 */
async function evalScenarios(db: Db, drafts: readonly DraftRow[]) {
  if (!drafts.length) return [];
  const keys = drafts.map((d) => d.scenarioKey);
  // Drafted keys are `theme:<slug>:<id>` ([a-z0-9:-]), so GLOB sees no wildcard in them.
  const rows = await db
    .select({ id: scenarios.id, key: scenarios.key })
    .from(scenarios)
    .where(or(inArray(scenarios.key, keys), ...keys.map((k) => sql`${scenarios.key} GLOB ${`inspect/*/${k}`}`)));
  return rows.flatMap((r) => {
    const draft = drafts.find((d) => r.key === d.scenarioKey || r.key.endsWith(`/${d.scenarioKey}`));
    return draft ? [{ scenarioId: r.id, key: r.key, draft }] : [];
  });
}

/**
 * Closing the loop: transcripts uploaded for the theme's accepted drafts, and per model version the share that
 * fails its draft's trait — with the scenario bootstrap CI. Transcripts without a value yet are listed, so the
 * page can start a judge run on exactly them.
 */
export async function themeEval(db: Db, themeId: string, source: ScoreSource, options: BootstrapOptions) {
  const [theme] = await db.select({ id: themes.id }).from(themes).where(eq(themes.id, themeId));
  if (!theme) throw new NotFound(`No theme ${themeId}`);
  const drafts = await acceptedDrafts(db, themeId);
  const linked = await evalScenarios(db, drafts);
  const scenarioIds = linked.map((l) => l.scenarioId);
  const rows = scenarioIds.length
    ? await db
        .select({ id: transcripts.id, scenarioId: transcripts.scenarioId, model: models.name })
        .from(transcripts)
        .innerJoin(models, eq(models.id, transcripts.modelId))
        .where(inArray(transcripts.scenarioId, scenarioIds))
        .orderBy(asc(transcripts.id))
    : [];
  const traitSlugs = [...new Set(drafts.map((d) => d.trait))];
  const traitRows = traitSlugs.length ? await db.select({ id: traits.id, slug: traits.slug, polarity: traits.polarity }).from(traits).where(inArray(traits.slug, traitSlugs)) : [];
  const traitBySlug = new Map(traitRows.map((t) => [t.slug, t]));
  const values = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const vs = traitRows.length
      ? await db
          .select({ transcriptId: traitValues.transcriptId, traitId: traitValues.traitId, value: traitValues.value })
          .from(traitValues)
          .where(and(inArray(traitValues.transcriptId, ids), inArray(traitValues.traitId, traitRows.map((t) => t.id)), eq(traitValues.source, source)))
      : [];
    for (const v of vs) if (v.value !== null) values.set(`${v.transcriptId}|${v.traitId}`, v.value);
  }
  const draftOf = new Map(linked.map((l) => [l.scenarioId, l.draft]));
  type ModelTally = { transcripts: number; judged: number; failures: number; perScenario: Map<string, { fail: number; n: number }>; transcriptIds: string[] };
  const byModel = new Map<string, ModelTally>();
  const unjudged: string[] = [];
  for (const r of rows) {
    const draft = draftOf.get(r.scenarioId);
    const trait = draft ? traitBySlug.get(draft.trait) : undefined;
    const m: ModelTally = byModel.get(r.model) ?? { transcripts: 0, judged: 0, failures: 0, perScenario: new Map(), transcriptIds: [] };
    m.transcripts++;
    m.transcriptIds.push(r.id);
    byModel.set(r.model, m);
    const value = trait ? values.get(`${r.id}|${trait.id}`) : undefined;
    if (value === undefined || !draft || !trait) {
      unjudged.push(r.id);
      continue;
    }
    const failed = fails(value, draft.failThreshold, trait.polarity);
    m.judged++;
    if (failed) m.failures++;
    const s = m.perScenario.get(r.scenarioId) ?? { fail: 0, n: 0 };
    s.fail += failed ? 1 : 0;
    s.n++;
    m.perScenario.set(r.scenarioId, s);
  }
  return {
    themeId,
    source,
    unit: EVAL_FAILURE_UNIT,
    drafts: drafts.length,
    scenarios: drafts.map((d) => ({ draftId: d.id, key: d.scenarioKey, title: d.title, trait: d.trait, failThreshold: d.failThreshold, linkedScenarioIds: linked.filter((l) => l.draft.id === d.id).map((l) => l.scenarioId), transcripts: rows.filter((r) => draftOf.get(r.scenarioId)?.id === d.id).length })),
    byModel: [...byModel]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([model, m]) => {
        const ordered = [...m.perScenario].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s.fail / s.n);
        const ci = clusterBootstrapMeanCi(ordered, options);
        return { model, transcripts: m.transcripts, judged: m.judged, failures: m.failures, failureRate: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, clusters: ci.clusters, transcriptIds: m.transcriptIds.slice(0, 200), ...(ci.reason ? { reason: ci.reason } : {}) };
      }),
    unjudged: { count: unjudged.length, transcriptIds: unjudged.slice(0, 5000), traits: traitSlugs },
  };
}
