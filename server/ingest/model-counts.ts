/**
 * What an upload did per model version: the upload result names the models it brought in and how many of each
 * transcript were new or already stored, so a wrong `model` field or a missing file shows at once.
 */
export interface ModelCount {
  model: string;
  inserted: number;
  duplicates: number;
}

export type ModelTally = Map<string, { inserted: number; duplicates: number }>;

export function tallyModel(tally: ModelTally, model: string, kind: 'inserted' | 'duplicates', n = 1): void {
  if (n === 0) return;
  const now = tally.get(model) ?? { inserted: 0, duplicates: 0 };
  now[kind] += n;
  tally.set(model, now);
}

/** The tally as the API lists it: by model name, so the same upload always reads the same. */
export function modelCountList(tally: ModelTally): ModelCount[] {
  return [...tally.entries()].map(([model, c]) => ({ model, inserted: c.inserted, duplicates: c.duplicates })).sort((a, b) => a.model.localeCompare(b.model, 'en', { numeric: true }));
}
