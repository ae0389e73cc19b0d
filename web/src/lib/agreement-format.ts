/** Agreement figures (GET /stats/agreement) in words, two decimals as the literature reports them. */

export interface AlphaLike {
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  units: number;
  reason?: string | undefined;
}

function two(n: number): string {
  // A minus sign, not a hyphen, for negative agreement (worse than chance).
  return n.toFixed(2).replace(/^-/, '−');
}

/** `0.62 (95% CI [0.41, 0.80]) · 12 transcripts`, or why there is no value; brackets, as a dash between negatives misreads. */
export function alphaText(a: AlphaLike): string {
  if (a.value === null) return a.reason ?? 'not computable';
  const ci = a.ciLow !== null && a.ciHigh !== null ? ` (95% CI [${two(a.ciLow)}, ${two(a.ciHigh)}])` : '';
  return `${two(a.value)}${ci} · ${a.units} transcript${a.units === 1 ? '' : 's'}`;
}

/** `0.55 · n 12`, or why there is no value. */
export function kappaText(k: { value: number | null; n: number; reason?: string | undefined }): string {
  if (k.value === null) return k.reason ?? 'not computable';
  return `${two(k.value)} · n ${k.n}`;
}

export function maybeTwo(n: number | null): string {
  return n === null ? '—' : two(n);
}
