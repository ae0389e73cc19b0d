import { formatCount, formatNumber } from './format.ts';

/** Progress as the labeling pages say it: mine (done and still open to me), the queue's (complete of items). */

export interface MyProgress {
  /** Items I finished. */
  mine: number;
  /** Items I may still label (the one I hold included). */
  available: number;
}

export interface QueueProgress {
  complete: number;
  items: number;
}

/** `2 done · 1 to go`, `3 done · none left for you`. */
export function myProgressText(p: MyProgress): string {
  return `${formatNumber(p.mine)} done · ${p.available > 0 ? `${formatNumber(p.available)} to go` : 'none left for you'}`;
}

/** `1 of 3 items complete`. */
export function queueProgressText(p: QueueProgress): string {
  return `${formatNumber(p.complete)} of ${formatCount(p.items, 'item', 'items')} complete`;
}

/** The caller's own share of a queue, as the queue list gives it. */
export function mineProgressText(mine: { done: number; available: number }): string {
  if (mine.available === 0) return mine.done ? `you labeled ${formatNumber(mine.done)}; nothing left for you` : 'nothing left for you';
  return `you labeled ${formatNumber(mine.done)}, ${formatNumber(mine.available)} left for you`;
}

/** A whole percentage for a progress bar, 0 when there is nothing to do. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

/** The trait to label next on an item: the first of the queue's traits not labeled yet, or null when all are. */
export function nextTrait<T extends { slug: string }>(traits: readonly T[], labeled: readonly string[]): T | null {
  return traits.find((t) => !labeled.includes(t.slug)) ?? null;
}

/** `trait 2 of 3` for an item of several traits; empty for one. */
export function traitStepText(traits: readonly { slug: string }[], current: string): string {
  if (traits.length < 2) return '';
  const at = traits.findIndex((t) => t.slug === current);
  return at < 0 ? '' : `trait ${at + 1} of ${traits.length}`;
}

/** Seconds per item as a person reads them: `42 s`, `3.5 min`, `—`. */
export function formatSecondsPerItem(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}
