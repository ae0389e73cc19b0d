import { neighbourInList } from '../stores/last-list.ts';

/** The reader's address: `?q=` carries the search that opened it (its words are marked), `#turn-N` the turn to show. */
export function readerHref(id: string, options: { q?: string | undefined; turn?: number | undefined } = {}): string {
  const q = options.q?.trim() ? `?q=${encodeURIComponent(options.q.trim())}` : '';
  return `/transcripts/${encodeURIComponent(id)}${q}${options.turn === undefined ? '' : `#turn-${options.turn}`}`;
}

export interface ScenarioSibling {
  id: string;
  model: string;
  sample: number;
}

/**
 * The transcript `j`/`k` move to: the next or previous one of the list the reader was opened from, when this
 * transcript is in it; else of its scenario, by model then sample (the scenario page's order), so the keys
 * work in a reader opened from a link too. `order` says which, for the hint and for "this is the last one".
 */
export function readerNeighbour(id: string, step: 1 | -1, listIds: readonly string[], siblings: readonly ScenarioSibling[]): { id: string | null; order: 'list' | 'scenario' } {
  if (listIds.includes(id)) return { id: neighbourInList(listIds, id, step), order: 'list' };
  const ordered = [...siblings].sort((a, b) => a.model.localeCompare(b.model) || a.sample - b.sample);
  return { id: neighbourInList(ordered.map((t) => t.id), id, step), order: 'scenario' };
}
