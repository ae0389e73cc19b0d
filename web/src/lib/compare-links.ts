/**
 * Which transcripts to put beside one: the same scenario under each other model version, preferring the
 * same sample index, at most three others (the compare view shows four columns).
 */
export interface ScenarioTranscriptLike {
  id: string;
  model: string;
  sample: number;
}

export function comparePartners(self: ScenarioTranscriptLike, all: readonly ScenarioTranscriptLike[], max = 3): ScenarioTranscriptLike[] {
  const byModel = new Map<string, ScenarioTranscriptLike>();
  for (const t of all) {
    if (t.model === self.model || t.id === self.id) continue;
    const seen = byModel.get(t.model);
    if (!seen || (t.sample === self.sample && seen.sample !== self.sample)) byModel.set(t.model, t);
  }
  return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model)).slice(0, max);
}

/** `trait` opens the view on that trait's lane and evidence (a dashboard's link says which trait moved). */
export function compareHref(ids: readonly string[], trait?: string): string {
  return `/compare?ids=${ids.map(encodeURIComponent).join(',')}${trait ? `&trait=${encodeURIComponent(trait)}` : ''}`;
}

/** Ids from `?ids=A,B,…`: at most four, no repeats, no empties. */
export function readCompareIds(raw: string | string[] | undefined): string[] {
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 4);
}
