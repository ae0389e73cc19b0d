/**
 * Pairwise judgments between models ("battles") and what can be read off them without a model: each
 * model's record and the pairwise win-rate matrix. Ties count as half a win for each side throughout, the
 * convention of Chatbot Arena's win-rate tables and of the Bradley–Terry fit (bradley-terry.ts).
 */

export interface Battle {
  a: string;
  b: string;
  winner: 'a' | 'b' | 'tie';
}

export interface BattleRecord {
  model: string;
  wins: number;
  losses: number;
  ties: number;
  battles: number;
  /** (wins + ties/2) / battles. */
  winRate: number;
}

/** Per-model wins, losses and ties, ties counting half in the win rate; models in name order. */
export function battleRecords(battles: readonly Battle[]): BattleRecord[] {
  const { models, index } = indexModels(battles);
  const records = models.map((model) => ({ model, wins: 0, losses: 0, ties: 0, battles: 0, winRate: 0 }));
  for (const battle of battles) {
    const a = records[index.get(battle.a) ?? -1];
    const b = records[index.get(battle.b) ?? -1];
    if (!a || !b) continue;
    a.battles++;
    b.battles++;
    if (battle.winner === 'tie') {
      a.ties++;
      b.ties++;
    } else {
      const [winner, loser] = battle.winner === 'a' ? [a, b] : [b, a];
      winner.wins++;
      loser.losses++;
    }
  }
  for (const r of records) r.winRate = (r.wins + r.ties / 2) / r.battles;
  return records;
}

export interface WinRateMatrix {
  models: string[];
  /** rates[i][j]: the share of i-versus-j battles that i won, ties counting half; null if they never met. */
  rates: (number | null)[][];
  /** battles[i][j]: how many battles i and j had. */
  battles: number[][];
}

/** The pairwise win-rate matrix, models in name order. */
export function winRateMatrix(battles: readonly Battle[]): WinRateMatrix {
  const { models, index } = indexModels(battles);
  const { scores, games } = tally(battles, index, models.length);
  const k = models.length;
  const rates = models.map((_, i) => models.map((__, j) => ((games[i * k + j] ?? 0) > 0 ? (scores[i * k + j] ?? 0) / (games[i * k + j] ?? 1) : null)));
  return { models, rates, battles: models.map((_, i) => models.map((__, j) => games[i * k + j] ?? 0)) };
}

/** The models of the battles in name order, and each one's index. */
export function indexModels(battles: readonly Battle[]): { models: string[]; index: Map<string, number> } {
  const names = new Set<string>();
  for (const battle of battles) {
    if (battle.a === battle.b) throw new RangeError(`a battle needs two different models, got ${battle.a} twice`);
    names.add(battle.a);
    names.add(battle.b);
  }
  const models = [...names].sort();
  return { models, index: new Map(models.map((m, i) => [m, i])) };
}

/** scores[i·k + j]: i's wins over j plus half their ties; games[i·k + j]: battles of i and j. */
export function tally(battles: readonly Battle[], index: Map<string, number>, k: number): { scores: Float64Array; games: Float64Array } {
  const scores = new Float64Array(k * k);
  const games = new Float64Array(k * k);
  for (const battle of battles) addBattle(scores, games, k, index.get(battle.a) ?? 0, index.get(battle.b) ?? 0, battle.winner);
  return { scores, games };
}

/** Adds one battle to the score and game tallies (a tie: half a point to each side). */
export function addBattle(scores: Float64Array, games: Float64Array, k: number, a: number, b: number, winner: Battle['winner']): void {
  const scoreA = winner === 'a' ? 1 : winner === 'tie' ? 0.5 : 0;
  scores[a * k + b] = (scores[a * k + b] ?? 0) + scoreA;
  scores[b * k + a] = (scores[b * k + a] ?? 0) + 1 - scoreA;
  games[a * k + b] = (games[a * k + b] ?? 0) + 1;
  games[b * k + a] = (games[b * k + a] ?? 0) + 1;
}
