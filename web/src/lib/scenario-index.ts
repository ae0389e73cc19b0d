/**
 * The scenario index's rows: every scenario, found by key or title (case and accents ignored), with the
 * chosen trait's per-scenario means for two versions and their delta where both have one.
 */
import type { ExportRow } from './export-rows.ts';

export interface ScenarioLike {
  id: string;
  key: string;
  title: string | null;
  category: string | null;
  transcriptCount: number;
  modelCount: number;
}

export interface ScenarioDeltaLike {
  scenarioId: string;
  a: number;
  b: number;
  delta: number;
  transcriptsA: readonly string[];
  transcriptsB: readonly string[];
}

export type ScenarioSort = 'key' | 'delta-desc' | 'delta-asc' | 'transcripts';

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query in the key or the title. */
export function matchesQuery(s: ScenarioLike, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hay = fold(`${s.key} ${s.title ?? ''}`);
  return words.every((w) => hay.includes(w));
}

export interface IndexRow<S extends ScenarioLike = ScenarioLike> {
  scenario: S;
  delta: ScenarioDeltaLike | undefined;
}

export function scenarioIndexRows<S extends ScenarioLike>(scenarios: readonly S[], deltas: readonly ScenarioDeltaLike[], query: string, sort: ScenarioSort): IndexRow<S>[] {
  const byId = new Map(deltas.map((d) => [d.scenarioId, d]));
  const rows = scenarios.filter((s) => matchesQuery(s, query)).map((scenario) => ({ scenario, delta: byId.get(scenario.id) }));
  const byKey = (x: IndexRow<S>, y: IndexRow<S>) => x.scenario.key.localeCompare(y.scenario.key);
  if (sort === 'transcripts') return rows.sort((x, y) => y.scenario.transcriptCount - x.scenario.transcriptCount || byKey(x, y));
  if (sort === 'key') return rows.sort(byKey);
  const sign = sort === 'delta-desc' ? -1 : 1;
  // Scenarios without a delta (not shared, or no value) go last, by key.
  return rows.sort((x, y) => {
    if (!x.delta || !y.delta) return x.delta === y.delta ? byKey(x, y) : x.delta ? -1 : 1;
    return sign * (x.delta.delta - y.delta.delta) || byKey(x, y);
  });
}

export function scenarioExportRows(rows: readonly IndexRow[], trait: { label: string; a: string; b: string } | null): ExportRow[] {
  return rows.map((r) => ({
    scenario: r.scenario.key,
    title: r.scenario.title,
    category: r.scenario.category,
    versions: r.scenario.modelCount,
    transcripts: r.scenario.transcriptCount,
    ...(trait
      ? {
          trait: trait.label,
          a: trait.a,
          b: trait.b,
          meanA: r.delta?.a ?? null,
          meanB: r.delta?.b ?? null,
          delta: r.delta?.delta ?? null,
          transcriptsA: r.delta ? r.delta.transcriptsA.length : null,
          transcriptsB: r.delta ? r.delta.transcriptsB.length : null,
        }
      : {}),
  }));
}
