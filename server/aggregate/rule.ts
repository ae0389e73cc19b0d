import type { ScoreSource, ScoreStatus } from '../../db/schema/index.ts';

/**
 * How charlens turns the score rows of one transcript, trait and source into the one value every page,
 * endpoint and export shows for that transcript (docs/ARCHITECTURE.md, "How a number is made"):
 *
 * 1. Drop rows that a later row supersedes (a human edit names the row it replaces), and invalid and failed
 *    rows — each counted, never hidden.
 * 2. A rater is a judge sample (by sample index), a human labeler (by name), or an imported sample. For each
 *    rater and turn range (or the whole transcript) keep the latest valid row; older ones count as superseded.
 * 3. Kept rows without a value are N/A (counted). Each rater's value is the mean of its kept values over
 *    its turn ranges (one value for a whole-transcript trait).
 * 4. The transcript's value is the mean over raters; the spread is their sample SD (n − 1).
 * Categorical values (Inspect's `C`/`I`, a per-turn category) are not averaged: each rater's category is the
 * most frequent over its kept turn ranges, and the transcript shows the most frequent category among the
 * raters (the latest among equals, both times).
 * 5. A researcher's adjudication (a human row marked adjudicated) is the human value of the transcript: the
 *    latest one stands instead of the labelers' mean; the labelers stay counted, with their spread.
 * A labeler's undo is a `withdrawn` row that supersedes their label; it is no value itself.
 */
export const AGGREGATION_RULE_VERSION = 3;

export interface ScoreRowForValue {
  /** Time-sortable: a larger id is a later row. */
  id: string;
  source: ScoreSource;
  status: ScoreStatus;
  value: number | null;
  category: string | null;
  turnStart: number | null;
  turnEnd: number | null;
  sampleIndex: number;
  labeler: string | null;
  supersedes: string | null;
  adjudicated: boolean;
}

export interface TranscriptTraitValue {
  source: ScoreSource;
  /** The per-transcript value; null when no rater gave a number. */
  value: number | null;
  category: string | null;
  /** Judge samples, labelers or imported samples that gave a value. */
  raters: number;
  /** Turn ranges behind the value, summed over raters; 0 for whole-transcript scores. */
  ranges: number;
  /** Sample SD across raters; null with fewer than two. */
  spread: number | null;
  na: number;
  invalid: number;
  failed: number;
  superseded: number;
  /** The value is a researcher's adjudication. */
  adjudicated: boolean;
}

function raterKey(row: ScoreRowForValue): string {
  return row.source === 'human' ? `labeler:${row.labeler ?? ''}` : `sample:${row.sampleIndex}`;
}

/** One rater's value of a transcript's trait: steps 1–3 of the rule. */
export interface RaterValue {
  /** `labeler:<name>` for humans, `sample:<index>` for judge and import samples. */
  rater: string;
  /** The mean over its kept turn ranges (or its one whole-transcript value); null when it gave a category. */
  value: number | null;
  ranges: number;
  /** Its most frequent category over its turn ranges (latest among equals), for categorical traits. */
  category: string | null;
  /** The latest row of that category. */
  categoryId: string;
}

type Counts = Pick<TranscriptTraitValue, 'na' | 'invalid' | 'failed' | 'superseded'>;

/** Steps 1–3 of the rule: each rater's value, and what was dropped on the way, counted. */
export function raterValues(rows: readonly ScoreRowForValue[]): { raters: RaterValue[]; counts: Counts } {
  const edited = new Set(rows.map((r) => r.supersedes).filter((id): id is string => id !== null));
  const counts: Counts = { na: 0, invalid: 0, failed: 0, superseded: 0 };
  const latest = new Map<string, ScoreRowForValue>();
  for (const row of rows) {
    if (edited.has(row.id)) counts.superseded++;
    else if (row.status === 'withdrawn' || row.adjudicated) continue;
    else if (row.status === 'invalid') counts.invalid++;
    else if (row.status === 'failed') counts.failed++;
    else {
      const key = `${raterKey(row)}\u0000${row.turnStart ?? ''}\u0000${row.turnEnd ?? ''}`;
      const seen = latest.get(key);
      if (!seen) latest.set(key, row);
      else {
        counts.superseded++;
        if (row.id > seen.id) latest.set(key, row);
      }
    }
  }
  const byRater = new Map<string, { values: number[]; ranges: number; categories: Map<string, Tally> }>();
  for (const row of latest.values()) {
    if (row.value === null && row.category === null) {
      counts.na++;
      continue;
    }
    const key = raterKey(row);
    const rater = byRater.get(key) ?? { values: [], ranges: 0, categories: new Map<string, Tally>() };
    if (row.value !== null) {
      rater.values.push(row.value);
      if (row.turnStart !== null) rater.ranges++;
    } else if (row.category !== null) {
      tally(rater.categories, row.category, row.id);
    }
    byRater.set(key, rater);
  }
  const raters = [...byRater.entries()].map(([rater, r]): RaterValue => {
    const [category, top] = mostFrequent(r.categories) ?? [null, null];
    return {
      rater,
      value: r.values.length ? r.values.reduce((a, b) => a + b, 0) / r.values.length : null,
      ranges: r.values.length ? r.ranges : 0,
      category,
      categoryId: top?.latestId ?? '',
    };
  });
  return { raters, counts };
}

interface Tally {
  count: number;
  latestId: string;
}

function tally(map: Map<string, Tally>, category: string, id: string): void {
  const c = map.get(category) ?? { count: 0, latestId: '' };
  map.set(category, { count: c.count + 1, latestId: id > c.latestId ? id : c.latestId });
}

/** The most frequent category; among equals, the one whose latest row is latest. */
function mostFrequent(map: Map<string, Tally>): [string, Tally] | undefined {
  return [...map.entries()].sort((a, b) => b[1].count - a[1].count || (a[1].latestId < b[1].latestId ? 1 : -1))[0];
}

/** Applies the rule to the rows of one transcript, trait and source. */
export function transcriptTraitValue(source: ScoreSource, rows: readonly ScoreRowForValue[]): TranscriptTraitValue {
  const { raters, counts } = raterValues(rows);
  const out: TranscriptTraitValue = { source, value: null, category: null, raters: 0, ranges: 0, spread: null, adjudicated: false, ...counts };
  const edited = new Set(rows.map((r) => r.supersedes).filter((id): id is string => id !== null));
  const adjudication = rows
    .filter((r) => r.adjudicated && r.status === 'valid' && !edited.has(r.id) && (r.value !== null || r.category !== null))
    .reduce<ScoreRowForValue | null>((latest, r) => (!latest || r.id > latest.id ? r : latest), null);
  const numeric = raters.filter((r) => r.value !== null);
  if (numeric.length) {
    const values = numeric.map((r) => r.value ?? 0);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    out.value = mean;
    out.raters = values.length;
    out.ranges = numeric.reduce((a, r) => a + r.ranges, 0);
    if (values.length > 1) out.spread = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  }
  if (adjudication) {
    out.adjudicated = true;
    out.value = adjudication.value;
    out.category = adjudication.category;
    return out;
  }
  if (numeric.length) return out;
  const categories = new Map<string, Tally>();
  for (const r of raters) if (r.category !== null) tally(categories, r.category, r.categoryId);
  if (categories.size) {
    out.raters = [...categories.values()].reduce((a, c) => a + c.count, 0);
    out.category = mostFrequent(categories)?.[0] ?? null;
  }
  return out;
}

const RATER_WORDS: Record<ScoreSource, [string, string]> = {
  judge: ['judge sample', 'judge samples'],
  human: ["labeler's latest label", "labelers' latest labels"],
  import: ['imported score', 'imported samples'],
};

/** What a shown value is the mean of, in words: the tooltip every page uses. */
export function valueBasis(v: Pick<TranscriptTraitValue, 'source' | 'value' | 'category' | 'raters' | 'ranges' | 'spread' | 'na' | 'adjudicated'>): string {
  const [one, many] = RATER_WORDS[v.source];
  if (v.adjudicated) return `adjudicated by a researcher${v.raters ? ` after ${v.raters} ${v.raters === 1 ? one : many}${v.spread === null ? '' : ` (SD ${v.spread.toFixed(2)})`}` : ''}`;
  if (v.value === null && v.category === null) return v.na ? `N/A (${v.na} ${v.na === 1 ? 'score' : 'scores'} not applicable)` : 'no valid score';
  if (v.category !== null) return v.raters === 1 ? `category from 1 ${one}` : `most frequent category of ${v.raters} ${many}`;
  const sd = v.spread === null ? '' : ` (SD ${v.spread.toFixed(2)} across them)`;
  if (v.ranges > 0) {
    if (v.raters === 1) return v.ranges === 1 ? '1 turn range' : `mean of ${v.ranges} turn ranges`;
    return `mean of ${v.raters} ${many}, each the mean of its turn ranges (${v.ranges} in all)${sd}`;
  }
  return v.raters === 1 ? `1 ${one}` : `mean of ${v.raters} ${many}${sd}`;
}
