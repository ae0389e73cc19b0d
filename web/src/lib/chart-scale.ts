/**
 * The little of d3-scale the charts need, by hand: a linear map from data to pixels and "nice" ticks
 * (steps of 1, 2 or 5 × 10^k, as d3's ticks() and R's pretty() choose them).
 */

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(scale, { domain, range });
}

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over [lo, hi]. */
export function niceStep(lo: number, hi: number, count: number): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  if (!Number.isFinite(raw) || raw === 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/** Ticks inside [lo, hi] on a nice step; rounded so that 0.30000000000000004 reads 0.3. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (lo === hi) return [lo];
  const step = niceStep(lo, hi, count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** [lo, hi] widened outward to the nice step, so the ends of the axis are ticks. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (lo === hi) return [lo - 1, hi + 1];
  const step = niceStep(lo, hi, count);
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/**
 * The x domain of a trait's values: its scale where it has one (so 1–5 traits sit on 1–5, whatever the
 * means), else what the data spans, from 0 for unbounded counts such as Spiral-Bench chunk sums.
 */
export function valueDomain(scale: { kind: string; min?: number; max?: number } | null, values: readonly number[]): [number, number] {
  if (scale?.kind === 'numeric' && scale.min !== undefined && scale.max !== undefined) return [scale.min, scale.max];
  const finite = values.filter(Number.isFinite);
  const hi = finite.length ? Math.max(...finite) : 1;
  const lo = finite.length ? Math.min(0, ...finite) : 0;
  return niceDomain(lo, hi);
}

/** A symmetric domain around 0 covering every value: deltas read against the zero line in the middle. */
export function deltaDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const reach = finite.length ? Math.max(...finite.map(Math.abs)) : 1;
  const [, hi] = niceDomain(0, reach || 1);
  return [-hi, hi];
}
