/**
 * Position bias of a pairwise judge: does the transcript shown first win more than half of the decided
 * verdicts, and do the two orders of one pair agree? Charlens judges every pair in both orders (MT-Bench's
 * control for position bias: Zheng et al. 2023, "Judging LLM-as-a-judge with MT-Bench and Chatbot
 * Arena"), so both questions can be answered from its own runs.
 */
import { normalQuantile } from './distributions.ts';

/** One pairwise verdict, with the winner named by position as the judge saw it. */
export interface PositionedVerdict {
  /** The pair judgment this verdict belongs to (one pair, trait and sample); both orders share it. */
  pairKey: string;
  /** 'ab': transcript A was shown first; 'ba': B was. */
  shownOrder: 'ab' | 'ba';
  winner: 'first' | 'second' | 'tie';
}

export interface PositionBias {
  /** Verdicts with a winner (ties left out). */
  decided: number;
  /** Decided verdicts won by the transcript shown first. */
  firstWins: number;
  /** firstWins / decided; 0.5 means no position bias. Null without decided verdicts. */
  firstWinShare: number | null;
  /** Wilson score interval of firstWinShare. */
  ciLow: number | null;
  ciHigh: number | null;
  level: number;
  ties: number;
  /** Pairs with a verdict in each order. */
  pairsInBothOrders: number;
  /** Of those, pairs whose two verdicts name the same transcript, or are both ties. */
  agreeing: number;
  /** agreeing / pairsInBothOrders; null without such pairs. */
  agreementRate: number | null;
  /** Pairs where each order picked the transcript in the same position: the verdict followed the position. */
  positionFlips: number;
  reason?: string;
}

/**
 * The Wilson (1927) score interval for a binomial proportion k/n, "Probable inference, the law of
 * succession, and statistical inference", JASA 22:209–212; recommended over the Wald interval by Newcombe
 * (1998, Statistics in Medicine 17:857–872) and Brown, Cai & DasGupta (2001). With z the normal quantile:
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Null for n = 0.
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): { low: number; high: number } | null {
  if (trials === 0) return null;
  if (!(successes >= 0 && successes <= trials)) throw new RangeError(`wilsonInterval: ${successes} successes of ${trials} trials`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // Clamp: at k = 0 or k = n the formula gives the bound 0 or 1 up to rounding.
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

/** Which transcript of the pair (A or B) a verdict names, undoing the order it was shown in. */
function pickedTranscript(verdict: PositionedVerdict): 'a' | 'b' | 'tie' {
  if (verdict.winner === 'tie') return 'tie';
  const firstIsA = verdict.shownOrder === 'ab';
  return (verdict.winner === 'first') === firstIsA ? 'a' : 'b';
}

/**
 * First-position win share with its Wilson interval (ties left out: a tie favours neither position), and
 * agreement between the two orders of each pair: the same transcript picked, or a tie both times. A "position flip" is a pair where each order picked the same position, i.e. the verdict
 * followed the position and not the transcript.
 */
export function positionBias(verdicts: readonly PositionedVerdict[], level = 0.95): PositionBias {
  let decided = 0;
  let firstWins = 0;
  let ties = 0;
  const byPair = new Map<string, { ab?: PositionedVerdict; ba?: PositionedVerdict }>();
  for (const verdict of verdicts) {
    if (verdict.winner === 'tie') ties++;
    else {
      decided++;
      if (verdict.winner === 'first') firstWins++;
    }
    const pair = byPair.get(verdict.pairKey) ?? {};
    if (pair[verdict.shownOrder]) throw new RangeError(`pair ${verdict.pairKey} has two verdicts in order ${verdict.shownOrder}`);
    pair[verdict.shownOrder] = verdict;
    byPair.set(verdict.pairKey, pair);
  }

  let pairsInBothOrders = 0;
  let agreeing = 0;
  let positionFlips = 0;
  for (const { ab, ba } of byPair.values()) {
    if (!ab || !ba) continue;
    pairsInBothOrders++;
    if (pickedTranscript(ab) === pickedTranscript(ba)) agreeing++;
    else if (ab.winner !== 'tie' && ab.winner === ba.winner) positionFlips++;
  }

  const interval = wilsonInterval(firstWins, decided, level);
  const reasons = [
    ...(decided === 0 ? ['no decided verdict: every verdict is a tie, or there are none'] : []),
    ...(pairsInBothOrders === 0 ? ['no pair was judged in both orders'] : []),
  ];
  return {
    decided,
    firstWins,
    firstWinShare: decided > 0 ? firstWins / decided : null,
    ciLow: interval?.low ?? null,
    ciHigh: interval?.high ?? null,
    level,
    ties,
    pairsInBothOrders,
    agreeing,
    agreementRate: pairsInBothOrders > 0 ? agreeing / pairsInBothOrders : null,
    positionFlips,
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
  };
}
