/**
 * The confusion matrix of two raters who rated the same items (two judges, a judge and a human): how often
 * rater A's category i met rater B's category j. Plain counts; kappa.ts weighs them.
 */

export interface ConfusionMatrix<T extends number | string> {
  /** The union of both raters' categories (and any given ones), sorted: numbers numerically, strings by code unit. */
  categories: T[];
  /** counts[i][j]: items rater A put in categories[i] and rater B in categories[j]. */
  counts: number[][];
  /** Number of rated pairs. */
  n: number;
  /** Share of items both put in the same category (the diagonal); null without items. */
  agreement: number | null;
}

function compareCategories(x: number | string, y: number | string): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const [a, b] = [String(x), String(y)];
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Counts per pair of categories. `ratingsA[i]` and `ratingsB[i]` are the two ratings of item i.
 * `categories` adds categories nobody used (a 1–5 scale where no one said 3 still gets a row of zeros).
 */
export function confusionMatrix<T extends number | string>(ratingsA: readonly T[], ratingsB: readonly T[], categories: readonly T[] = []): ConfusionMatrix<T> {
  if (ratingsA.length !== ratingsB.length) throw new RangeError(`confusionMatrix: ${ratingsA.length} ratings from A but ${ratingsB.length} from B`);
  const all = [...new Set([...categories, ...ratingsA, ...ratingsB])].sort(compareCategories);
  const index = new Map(all.map((category, i) => [category, i]));
  const counts = all.map(() => new Array<number>(all.length).fill(0));
  let same = 0;
  ratingsA.forEach((a, item) => {
    const b = ratingsB[item];
    const row = counts[index.get(a) ?? -1];
    const column = b === undefined ? undefined : index.get(b);
    if (!row || column === undefined) return;
    row[column] = (row[column] ?? 0) + 1;
    if (a === b) same++;
  });
  const n = ratingsA.length;
  return { categories: all, counts, n, agreement: n > 0 ? same / n : null };
}
