/**
 * Bradley–Terry ratings of models from pairwise judgments ("battles", battles.ts), on the Chatbot Arena
 * scale, with bootstrap intervals.
 */
import { addBattle, indexModels, tally, type Battle } from './battles.ts';
import { sortedQuantile } from './bootstrap.ts';
import { createRng, randomInt } from './random.ts';

export interface BradleyTerryOptions {
  seed: number;
  /** Bootstrap resamples of the battles (Chatbot Arena uses 1,000 rounds). */
  resamples?: number;
  level?: number;
  /**
   * Virtual ties each model plays against a fixed reference player of strength 1 (θ = 0): a weak prior that
   * keeps the rating of a model that never lost (or never won) finite, as Coulom's Whole-History Rating does
   * with virtual draws (Coulom 2008). Default 1. 0 gives the plain MLE, which then may not exist.
   */
  virtualTies?: number;
}

export interface BradleyTerryRating {
  model: string;
  rating: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface BradleyTerryResult {
  ratings: BradleyTerryRating[];
  level: number;
  resamples: number;
  /** False when some models were never compared, even indirectly: their ratings are then set apart only by the prior. */
  connected: boolean;
  reason?: string;
}

const MAX_NEWTON_STEPS = 200;
const CONVERGENCE = 1e-10;
// |log-strength| beyond this (odds of e^30 ≈ 10^13, 5,200 rating points) means the MLE is running to infinity.
const DIVERGED = 30;

/**
 * Bradley–Terry ratings (Bradley & Terry 1952): P(i beats j) = pᵢ/(pᵢ + pⱼ), a tie counting as half a win
 * for each side. Fitted by Newton–Raphson on θ = ln p, i.e. as the logistic regression it is (Agresti 2013,
 * *Categorical Data Analysis*, 3rd ed., §11.6; Chatbot Arena fits it the same way), with step-halving so the
 * likelihood never decreases. Why not Hunter's (2004) MM algorithm: with the weak prior below, MM crawls
 * along the barely-determined overall scale and did not converge in 10,000 iterations on 9,000 battles,
 * where Newton takes a handful of steps. Each model plays `virtualTies` virtual ties against a fixed
 * reference player of strength 1, a weak prior that keeps the rating of a model that never lost (or never
 * won) finite, as Coulom's Whole-History Rating (2008) does with virtual draws; it makes the log-likelihood
 * strictly concave, so the maximum is unique.
 *
 * Reported on the Chatbot Arena scale, rating = 400·log10(p) + 1000 (Chiang et al. 2024, their
 * `compute_mle_elo`: SCALE 400, BASE 10, INIT_RATING 1000), so a 400-point gap means odds of 10:1.
 * Normalisation: the ratings are shifted so that their arithmetic mean is exactly 1000 (equivalently, the
 * strengths' geometric mean is 1); Arena instead anchors one named model. CIs: percentile intervals of the
 * ratings refitted on `resamples` resamples of the battles with replacement, as Arena does; their coverage
 * is not checked here the way bootstrap.ts checks its own.
 */
export function bradleyTerry(battles: readonly Battle[], options: BradleyTerryOptions): BradleyTerryResult {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const virtualTies = options.virtualTies ?? 1;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(virtualTies >= 0)) throw new RangeError(`virtualTies must be ≥ 0, got ${virtualTies}`);
  const { models, index } = indexModels(battles);
  const k = models.length;
  if (k === 0) return { ratings: [], level, resamples, connected: true, reason: 'no battles' };

  const counts = tally(battles, index, k);
  const connected = isConnected(counts.games, k);
  const strengths = fitLogStrengths(counts.scores, counts.games, k, virtualTies, new Float64Array(k));
  if (strengths === null) {
    const reason = connected
      ? 'no finite maximum-likelihood ratings: some models won or lost all their battles against the rest; use virtualTies > 0'
      : 'ratings are not identifiable: some models were never compared, even through others; use virtualTies > 0';
    return { ratings: models.map((model) => ({ model, rating: null, ciLow: null, ciHigh: null })), level, resamples, connected, reason };
  }
  const ratings = toRatings(strengths);

  const intervals = resamples > 0 ? bootstrapIntervals(battles, index, k, virtualTies, strengths, resamples, level, options.seed) : null;
  return {
    ratings: models.map((model, i) => ({ model, rating: ratings[i] ?? null, ciLow: intervals?.low[i] ?? null, ciHigh: intervals?.high[i] ?? null })),
    level,
    resamples,
    connected,
  };
}

/**
 * The maximum of the log-likelihood in θ = ln p, from `start`, by Newton–Raphson with step-halving; null when
 * it runs to infinity or is not unique (possible only without the prior). Without the prior the likelihood
 * only fixes differences of θ, so the last model's θ is pinned to 0 and the others are solved for.
 *   ℓ(θ) = Σᵢ (Wᵢ + v/2)·θᵢ − Σ_{i<j} nᵢⱼ·ln(e^θᵢ + e^θⱼ) − v·Σᵢ ln(e^θᵢ + 1)
 *   ∂ℓ/∂θᵢ = Wᵢ + v/2 − Σⱼ nᵢⱼ·σ(θᵢ − θⱼ) − v·σ(θᵢ);  −∂²ℓ/∂θᵢ∂θⱼ = −nᵢⱼ·wᵢⱼ (i ≠ j), Σⱼ nᵢⱼ·wᵢⱼ + v·wᵢ₀ (i = j)
 * with σ the logistic function, w = σ(1 − σ), Wᵢ = Σⱼ sᵢⱼ the wins of i (ties half), v = virtualTies.
 */
function fitLogStrengths(scores: Float64Array, games: Float64Array, k: number, virtualTies: number, start: Float64Array): Float64Array | null {
  const free = virtualTies > 0 ? k : k - 1;
  const wins = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let w = virtualTies / 2;
    for (let j = 0; j < k; j++) w += scores[i * k + j] ?? 0;
    wins[i] = w;
  }
  const theta = Float64Array.from(start);
  if (free < k) theta[k - 1] = 0;
  const gradient = new Float64Array(free);
  const information = new Float64Array(free * free);
  const trial = new Float64Array(k);
  let current = logLikelihood(theta, wins, games, k, virtualTies);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    gradient.fill(0);
    information.fill(0);
    for (let i = 0; i < free; i++) {
      const ti = theta[i] ?? 0;
      const toReference = logistic(ti);
      let g = (wins[i] ?? 0) - virtualTies * toReference;
      let diagonal = virtualTies * toReference * (1 - toReference);
      for (let j = 0; j < k; j++) {
        const n = games[i * k + j] ?? 0;
        if (j === i || n === 0) continue;
        const pij = logistic(ti - (theta[j] ?? 0));
        g -= n * pij;
        diagonal += n * pij * (1 - pij);
        if (j < free) information[i * free + j] = -n * pij * (1 - pij);
      }
      gradient[i] = g;
      information[i * free + i] = diagonal;
    }
    const direction = solveSymmetric(information, gradient, free);
    if (direction === null) return null;
    // Step-halving: the full Newton step unless it lowers ℓ, which far from the maximum it can.
    let scale = 1;
    let next = current;
    for (let halvings = 0; halvings < 60; halvings++) {
      trial.set(theta);
      for (let i = 0; i < free; i++) trial[i] = (theta[i] ?? 0) + scale * (direction[i] ?? 0);
      next = logLikelihood(trial, wins, games, k, virtualTies);
      if (next >= current) break;
      scale /= 2;
    }
    let change = 0;
    for (let i = 0; i < free; i++) change = Math.max(change, Math.abs((trial[i] ?? 0) - (theta[i] ?? 0)));
    theta.set(trial);
    current = next;
    if (theta.some((t) => Math.abs(t) > DIVERGED)) return null;
    if (change < CONVERGENCE) return theta;
  }
  return null;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** ln(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(-Math.abs(a - b)));
}

function logLikelihood(theta: Float64Array, wins: Float64Array, games: Float64Array, k: number, virtualTies: number): number {
  let value = 0;
  for (let i = 0; i < k; i++) {
    const ti = theta[i] ?? 0;
    value += (wins[i] ?? 0) * ti - virtualTies * logAddExp(ti, 0);
    for (let j = i + 1; j < k; j++) {
      const n = games[i * k + j] ?? 0;
      if (n > 0) value -= n * logAddExp(ti, theta[j] ?? 0);
    }
  }
  return value;
}

/**
 * Solves A·x = b for a symmetric positive definite A (size m, row-major) by Cholesky decomposition; null
 * when A is singular to working precision (no unique maximum).
 */
function solveSymmetric(a: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const lower = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j] ?? 0;
      for (let p = 0; p < j; p++) sum -= (lower[i * m + p] ?? 0) * (lower[j * m + p] ?? 0);
      if (i === j) {
        if (!(sum > 1e-12 * Math.max(1, a[i * m + i] ?? 0))) return null;
        lower[i * m + i] = Math.sqrt(sum);
      } else {
        lower[i * m + j] = sum / (lower[j * m + j] ?? 1);
      }
    }
  }
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i] ?? 0;
    for (let p = 0; p < i; p++) sum -= (lower[i * m + p] ?? 0) * (x[p] ?? 0);
    x[i] = sum / (lower[i * m + i] ?? 1);
  }
  for (let i = m - 1; i >= 0; i--) {
    let sum = x[i] ?? 0;
    for (let p = i + 1; p < m; p++) sum -= (lower[p * m + i] ?? 0) * (x[p] ?? 0);
    x[i] = sum / (lower[i * m + i] ?? 1);
  }
  return x;
}

/** 400·log10(e^θ) + 1000, shifted so the ratings' mean is exactly 1000. */
function toRatings(logStrengths: Float64Array): Float64Array {
  const k = logStrengths.length;
  const ratings = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    ratings[i] = (400 / Math.LN10) * (logStrengths[i] ?? 0);
    total += ratings[i] ?? 0;
  }
  const shift = 1000 - total / k;
  for (let i = 0; i < k; i++) ratings[i] = (ratings[i] ?? 0) + shift;
  return ratings;
}

function isConnected(games: Float64Array, k: number): boolean {
  const seen = new Uint8Array(k);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const i = stack.pop() ?? 0;
    for (let j = 0; j < k; j++) {
      if (!seen[j] && (games[i * k + j] ?? 0) > 0) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  return seen.every((s) => s === 1);
}

function bootstrapIntervals(
  battles: readonly Battle[],
  index: Map<string, number>,
  k: number,
  virtualTies: number,
  estimate: Float64Array,
  resamples: number,
  level: number,
  seed: number,
): { low: (number | null)[]; high: (number | null)[] } {
  const rng = createRng(seed);
  const a = Int32Array.from(battles, (battle) => index.get(battle.a) ?? 0);
  const b = Int32Array.from(battles, (battle) => index.get(battle.b) ?? 0);
  const winners = battles.map((battle) => battle.winner);
  // draws[i·resamples + r]: model i's rating in the r-th resample that could be fitted.
  const draws = new Float64Array(k * resamples);
  let fitted = 0;
  const scores = new Float64Array(k * k);
  const games = new Float64Array(k * k);
  for (let r = 0; r < resamples; r++) {
    scores.fill(0);
    games.fill(0);
    for (let t = 0; t < battles.length; t++) {
      const pick = randomInt(rng, battles.length);
      addBattle(scores, games, k, a[pick] ?? 0, b[pick] ?? 0, winners[pick] ?? 'tie');
    }
    // Starting from the point estimate, Newton needs only a few steps.
    const strengths = fitLogStrengths(scores, games, k, virtualTies, estimate);
    if (strengths === null) continue;
    const ratings = toRatings(strengths);
    for (let i = 0; i < k; i++) draws[i * resamples + fitted] = ratings[i] ?? 0;
    fitted++;
  }
  // Resamples without a finite fit (possible only with virtualTies = 0) are left out of the percentiles.
  const alpha = (1 - level) / 2;
  const sorted = Array.from({ length: k }, (_, i) => draws.subarray(i * resamples, i * resamples + fitted).sort());
  return {
    low: sorted.map((s) => (fitted > 0 ? sortedQuantile(s, alpha) : null)),
    high: sorted.map((s) => (fitted > 0 ? sortedQuantile(s, 1 - alpha) : null)),
  };
}
