/**
 * Holm–Bonferroni adjusted p-values, for when one page tests several traits or model pairs at once.
 *
 * Holm (1979), "A simple sequentially rejective multiple test procedure", Scandinavian Journal of
 * Statistics 6:65–70. With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of the i-th
 * is max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎): the step-down multipliers m, m − 1, …, 1, made monotone
 * by the running maximum and capped at 1, as R's `p.adjust(p, "holm")`. Rejecting where the adjusted value
 * is ≤ α controls the family-wise error rate at α under any dependence.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-values must be in [0, 1], got ${p}`);
  const m = pValues.length;
  // Stable sort of indices, so equal p-values keep their input order (their adjusted values are equal anyway).
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
  const adjusted = new Array<number>(m).fill(0);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * (pValues[index] ?? 0)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
