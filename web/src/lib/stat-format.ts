/** How the dashboards write statistics: the same rounding in every cell, tooltip and caption. */

/** Two significant digits, `< 0.001` below that: more digits than the permutation test resolves are noise. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return p < 0.001 ? '< 0.001' : String(Number(p.toPrecision(2)));
}

/** Up to two decimals, trailing zeros dropped (the way score values read everywhere). */
export function formatStat(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const f = 10 ** decimals;
  const rounded = Math.round(value * f) / f;
  return String(Object.is(rounded, -0) ? 0 : rounded).replace('-', '−');
}

/** `+0.3`, `−1.5`, `±0`: a delta always shows its sign. */
export function formatDelta(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = formatStat(Math.abs(value), decimals);
  if (text === '0') return '±0';
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** An end of a delta's interval: signed like the delta, but 0 is just 0. */
export function formatDeltaEnd(value: number): string {
  const text = formatDelta(value);
  return text === '±0' ? '0' : text;
}

/** `[1.21, 2.08]`, or `no CI`. */
export function formatCi(low: number | null | undefined, high: number | null | undefined, format: (n: number) => string = (n) => formatStat(n)): string {
  return low === null || low === undefined || high === null || high === undefined ? 'no CI' : `[${format(low)}, ${format(high)}]`;
}
