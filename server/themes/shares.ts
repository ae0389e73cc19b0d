import { clusterBootstrapMeanCi, type BootstrapOptions } from '../stats/bootstrap.ts';
import { pairedComparison } from '../stats/paired.ts';

/**
 * Theme shares by the unit rule of "How a number is made": an item counts 1 when it is in the theme (or fails
 * an eval), else 0; per scenario the mean over its items; per model version the mean over scenarios, with the
 * scenario bootstrap (stats/bootstrap.ts). Feedback that is about no transcript has no scenario: each such item
 * is a cluster of its own.
 */
export const THEME_SHARE_UNIT =
  'per item: 1 if it is in the theme, else 0; per scenario: the mean over its items of that model version; per model version: the mean over scenarios, the scenario being the bootstrap cluster (feedback about no transcript is a cluster of its own)';

export const THEME_MOVEMENT_UNIT =
  'per scenario both model versions have items on: the share of B minus the share of A; the mean over those scenarios, with a paired bootstrap over them and a sign-flip test';

export const VERSION_MOVEMENT_UNIT =
  'per item in both versions: 1 if it is in the theme now and was not in the one it continues, −1 the other way, else 0; per scenario the mean over its items; the mean over scenarios, with the scenario bootstrap';

export interface ShareItem {
  model: string | null;
  cluster: string;
  hit: boolean;
}

export interface ModelShare {
  model: string;
  items: number;
  hits: number;
  share: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  clusters: number;
  reason?: string;
}

/** Per cluster: the mean of hits, in a fixed order (the bootstrap draws by position). */
function clusterMeans(items: readonly ShareItem[]): Map<string, number> {
  const sums = new Map<string, { hits: number; n: number }>();
  for (const i of items) {
    const s = sums.get(i.cluster) ?? { hits: 0, n: 0 };
    s.hits += i.hit ? 1 : 0;
    s.n += 1;
    sums.set(i.cluster, s);
  }
  return new Map([...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, s.hits / s.n]));
}

/** The share per model version with a scenario-bootstrap CI; items without a model are "(no model)". */
export function sharesByModel(items: readonly ShareItem[], options: BootstrapOptions): ModelShare[] {
  const byModel = new Map<string, ShareItem[]>();
  for (const i of items) {
    const key = i.model ?? '(no model)';
    const list = byModel.get(key) ?? [];
    list.push(i);
    byModel.set(key, list);
  }
  return [...byModel]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([model, list]) => {
      const ci = clusterBootstrapMeanCi([...clusterMeans(list).values()], options);
      return { model, items: list.length, hits: list.filter((i) => i.hit).length, share: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, clusters: ci.clusters, ...(ci.reason ? { reason: ci.reason } : {}) };
    });
}

export interface Movement {
  a: string;
  b: string;
  /** Shared scenarios the deltas are over. */
  n: number;
  meanDelta: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  reason?: string;
}

/** How much the share moved from model version `a` to `b`: paired over the scenarios both have items on. */
export function shareMovement(items: readonly ShareItem[], a: string, b: string, options: BootstrapOptions): Movement {
  const ma = clusterMeans(items.filter((i) => i.model === a));
  const mb = clusterMeans(items.filter((i) => i.model === b));
  const deltas: number[] = [];
  for (const [cluster, va] of ma) {
    const vb = mb.get(cluster);
    if (vb !== undefined) deltas.push(vb - va);
  }
  const p = pairedComparison(deltas, options);
  return { a, b, n: p.n, meanDelta: p.meanDelta, ciLow: p.ciLow, ciHigh: p.ciHigh, pValue: p.pValue, ...(p.reason ? { reason: p.reason } : {}) };
}

export interface VersionItem {
  cluster: string;
  before: boolean;
  after: boolean;
}

/** How much a theme's share moved from the version before to this one, over the items both versions read. */
export function versionMovement(items: readonly VersionItem[], options: BootstrapOptions) {
  const sums = new Map<string, { d: number; before: number; after: number; n: number }>();
  for (const i of items) {
    const s = sums.get(i.cluster) ?? { d: 0, before: 0, after: 0, n: 0 };
    s.d += (i.after ? 1 : 0) - (i.before ? 1 : 0);
    s.before += i.before ? 1 : 0;
    s.after += i.after ? 1 : 0;
    s.n += 1;
    sums.set(i.cluster, s);
  }
  const ordered = [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s);
  const ci = clusterBootstrapMeanCi(ordered.map((s) => s.d / s.n), options);
  const mean = (pick: (s: { before: number; after: number; n: number }) => number) => (ordered.length ? ordered.reduce((acc, s) => acc + pick(s) / s.n, 0) / ordered.length : null);
  return { items: items.length, clusters: ci.clusters, shareBefore: mean((s) => s.before), shareAfter: mean((s) => s.after), meanDelta: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, ...(ci.reason ? { reason: ci.reason } : {}) };
}
