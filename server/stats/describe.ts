/**
 * Descriptive statistics over plain numbers: what a score table or a distribution chart shows before any
 * interval is drawn. Every function returns null, not NaN, when there is nothing to describe.
 */

/** Arithmetic mean, Σx / n; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Median (the mean of the two middle values for an even count, as R's `median`); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/**
 * Sample standard deviation with Bessel's correction, √(Σ(x − x̄)² / (n − 1)), computed in two passes (the
 * textbook two-pass algorithm; Chan, Golub & LeVeque 1983 on why one-pass Σx² loses precision); null for
 * n < 2, where the n − 1 estimate does not exist.
 */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}

export interface HistogramBin {
  /** The scale point (discrete) or the bin's lower edge (continuous). */
  low: number;
  /** The scale point again (discrete) or the bin's upper edge (continuous). */
  high: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  /** Values that fell in no bin: outside [min, max], not on a scale point, or not finite. */
  outside: number;
}

// Floating-point slack when locating a value on a grid, so that 1.3 is on the grid 1, 1.1, 1.2, ….
const GRID_TOLERANCE = 1e-9;

/**
 * Counts of values on a scale. Without `step`, the scale is discrete: one bin per integer point min, min+1,
 * …, max (a 1–5 rubric gives five bins), and a value counts only if it is exactly one of those points. With
 * `step`, the values are continuous: bins [min + i·step, min + (i+1)·step), the last one closed at max, as
 * in R's `hist(right = FALSE, include.lowest = TRUE)`; use it for per-scenario means, which fall between
 * scale points.
 */
export function histogram(values: readonly number[], scale: { min: number; max: number; step?: number }): Histogram {
  const { min, max, step } = scale;
  if (!(max >= min)) throw new RangeError(`histogram: max (${max}) is below min (${min})`);
  if (step === undefined) {
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw new RangeError('histogram: a discrete scale needs integer min and max');
    const counts = new Array<number>(max - min + 1).fill(0);
    let outside = 0;
    for (const v of values) {
      const index = v - min;
      if (Number.isInteger(index) && index >= 0 && index < counts.length) counts[index] = (counts[index] ?? 0) + 1;
      else outside++;
    }
    return { bins: counts.map((count, i) => ({ low: min + i, high: min + i, count })), outside };
  }
  if (!(step > 0)) throw new RangeError(`histogram: step must be positive, got ${step}`);
  const binCount = Math.max(1, Math.ceil((max - min) / step - GRID_TOLERANCE));
  const counts = new Array<number>(binCount).fill(0);
  let outside = 0;
  for (const v of values) {
    if (!(v >= min && v <= max)) {
      outside++;
      continue;
    }
    const index = Math.min(binCount - 1, Math.floor((v - min) / step + GRID_TOLERANCE));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return { bins: counts.map((count, i) => ({ low: min + i * step, high: Math.min(max, min + (i + 1) * step), count })), outside };
}
