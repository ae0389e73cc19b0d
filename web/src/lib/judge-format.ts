/**
 * How judge money and tokens read. Runs cost from fractions of a cent to hundreds of dollars, so the
 * number of decimals follows the size: a cent-sized cost keeps four places, a large one none.
 */
const usd0 = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd4 = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const abs = Math.abs(usd);
  if (abs === 0) return usd2.format(0);
  if (abs < 1) return usd4.format(usd);
  if (abs < 1000) return usd2.format(usd);
  return usd0.format(usd);
}

const whole = new Intl.NumberFormat('en');

/** `950`, `12.3k`, `4.56M`: token counts at a glance; the exact count goes in a title. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs < 10_000) return whole.format(Math.round(n));
  if (abs < 1_000_000) return `${trimZero((n / 1000).toFixed(1))}k`;
  return `${trimZero((n / 1_000_000).toFixed(2))}M`;
}

function trimZero(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A share in [0, 1] as a whole percent; a non-zero share never reads as 0%. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share >= 1) return '100%';
  const pct = Math.round(share * 100);
  if (pct === 0) return '<1%';
  if (pct === 100) return '>99%';
  return `${pct}%`;
}

/** Where the token numbers of an estimate came from, in words. */
export function tokenSourceLabel(source: string): string {
  return source === 'count_tokens' ? "counted by the API's token counting" : 'offline estimate (characters ÷ 4); the API could not be asked';
}
