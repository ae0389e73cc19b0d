/**
 * The overview's shape: one row per trait and source (sources are never pooled), one cell per version from
 * GET /stats/traits, and each cell's paired comparison with the baseline from GET /stats/compare/traits.
 */
import { comparisonTone, type Polarity, type Tone } from './comparison-tone.ts';
import type { ExportRow } from './export-rows.ts';
import type { ScoreSource, TraitIdentityLike } from './trait-label.ts';

export interface SummaryLike {
  trait: TraitIdentityLike & { polarity: Polarity };
  source: ScoreSource;
  model: string;
  n: number;
  scenarios: number;
  na: number;
  invalid: number;
  failed: number;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  reason?: string | undefined;
}

export interface PairedLike {
  trait: { slug: string };
  source: ScoreSource;
  n: number;
  meanDelta: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  pHolm?: number | null | undefined;
  effectSize: number | null;
  reason?: string | undefined;
}

export interface OverviewRow<S extends SummaryLike = SummaryLike> {
  /** `slug:source`, as the compare endpoints take it. */
  key: string;
  trait: S['trait'];
  source: ScoreSource;
  cells: Map<string, S>;
}

/** Traits that only hold failures (Spiral-Bench's failed chunks) have no mean anywhere: no row. */
export function overviewRows<S extends SummaryLike>(items: readonly S[]): OverviewRow<S>[] {
  const rows = new Map<string, OverviewRow<S>>();
  for (const s of items) {
    const key = `${s.trait.slug}:${s.source}`;
    const row = rows.get(key) ?? { key, trait: s.trait, source: s.source, cells: new Map<string, S>() };
    row.cells.set(s.model, s);
    rows.set(key, row);
  }
  return [...rows.values()].filter((r) => [...r.cells.values()].some((c) => c.mean !== null));
}

/** The versions that have any value, in the given order (oldest first). */
export function versionsWithValues(ordered: readonly string[], items: readonly SummaryLike[]): string[] {
  const seen = new Set(items.filter((s) => s.mean !== null).map((s) => s.model));
  return ordered.filter((v) => seen.has(v));
}

/** The rows a version can be compared with the baseline on: both have a mean (so a shared scenario is likely). */
export function comparableKeys(rows: readonly OverviewRow[], baseline: string, version: string): string[] {
  return rows.filter((r) => r.cells.get(baseline)?.mean != null && r.cells.get(version)?.mean != null).map((r) => r.key);
}

export function cellTone(row: OverviewRow, version: string, baseline: string, paired: PairedLike | undefined): { tone: Tone; why: string } {
  if (version === baseline) return { tone: 'untested', why: 'the baseline' };
  return comparisonTone(paired, row.trait.polarity);
}

/** One export row per cell: the numbers, the comparison with the baseline, and the colour it earned. */
export function overviewExportRows<S extends SummaryLike>(options: {
  rows: readonly OverviewRow<S>[];
  versions: readonly string[];
  baseline: string;
  labelOf: (row: OverviewRow<S>) => string;
  pairedOf: (version: string, key: string) => PairedLike | undefined;
}): ExportRow[] {
  return options.rows.flatMap((row) =>
    options.versions.flatMap((version): ExportRow[] => {
      const s = row.cells.get(version);
      if (!s) return [];
      const paired = version === options.baseline ? undefined : options.pairedOf(version, row.key);
      return [
        {
          trait: options.labelOf(row),
          slug: row.trait.slug,
          source: row.source,
          version,
          baseline: options.baseline,
          mean: s.mean,
          ciLow: s.ciLow,
          ciHigh: s.ciHigh,
          scenarios: s.scenarios,
          transcripts: s.n,
          na: s.na,
          invalid: s.invalid,
          failed: s.failed,
          deltaVsBaseline: paired?.meanDelta ?? null,
          deltaCiLow: paired?.ciLow ?? null,
          deltaCiHigh: paired?.ciHigh ?? null,
          sharedScenarios: paired?.n ?? null,
          pHolm: paired?.pHolm ?? null,
          tone: version === options.baseline ? 'baseline' : cellTone(row, version, options.baseline, paired).tone,
        },
      ];
    }),
  );
}
