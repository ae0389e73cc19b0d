/**
 * Compare takes every sample: the columns are versions (one shown transcript each), and each version's other
 * samples of the scenario come from the scenario's transcript list (by model, then sample).
 */
export interface SiblingLike {
  id: string;
  model: string;
  sample: number;
}

/** The samples of `model` in the scenario, by sample index. */
export function samplesOf<T extends SiblingLike>(siblings: readonly T[], model: string): T[] {
  return siblings.filter((t) => t.model === model).sort((a, b) => a.sample - b.sample);
}

/** Every version of a scenario, its lowest sample each, at most `max` (compare shows four columns). */
export function allVersionIds(siblings: readonly SiblingLike[], max = 4): { ids: string[]; left: number } {
  const first = new Map<string, SiblingLike>();
  for (const t of [...siblings].sort((a, b) => a.model.localeCompare(b.model) || a.sample - b.sample)) if (!first.has(t.model)) first.set(t.model, t);
  const all = [...first.values()];
  return { ids: all.slice(0, max).map((t) => t.id), left: Math.max(0, all.length - max) };
}

/** `ids` with the column at `column` showing `id` instead (a sample switch). */
export function replaceColumn(ids: readonly string[], column: number, id: string): string[] {
  return ids.map((x, i) => (i === column ? id : x));
}

/** The baseline column from `?base=`: a valid column index, else the first. */
export function baselineColumn(raw: unknown, columns: number): number {
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 && n < columns ? n : 0;
}
