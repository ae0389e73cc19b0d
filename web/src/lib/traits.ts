/** A slug without its namespace, as a preference list names it (`spiral.sycophancy_or_praise` → `sycophancy_or_praise`). */
function bareSlug(slug: string): string {
  const dot = slug.indexOf('.');
  return (dot >= 0 ? slug.slice(dot + 1) : slug).replace(/-/g, '_');
}

/** Traits people look at first, when a page has to choose a few columns out of many. */
const PREFERRED = ['pushback', 'sycophancy', 'sycophancy_or_praise', 'delusion_reinforcement', 'warmth', 'honesty'];

/** Up to `limit` traits for default columns: preferred names first, then the most frequent. */
export function defaultTraitColumns(counts: ReadonlyMap<string, number>, limit = 4): string[] {
  const rank = (slug: string) => {
    const i = PREFERRED.indexOf(bareSlug(slug));
    return i < 0 ? PREFERRED.length : i;
  };
  return [...counts.entries()]
    .filter(([slug]) => slug !== 'spiral.chunk' && slug !== 'spiral.final_judgement')
    .sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([slug]) => slug);
}
