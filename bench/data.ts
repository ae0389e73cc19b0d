/** Deterministic synthetic transcripts for the benchmarks: ~6 KB, 10 messages each. */

const WORDS = (
  'the model user pushback claim evidence answer question reason because however agree disagree moon rock ' +
  'science history careful honest warm kind wrong right maybe perhaps actually data source study paper result ' +
  'plan risk money health friend family work code bug test change version trait score judge label review'
).split(' ');

/** A term that appears in one transcript of every RARE_EVERY, for the rare-term search. */
export const RARE_TERM = 'zyxquokka';
export const RARE_EVERY = 10_000;
/** In one message of every other transcript of the read database (scoredBenchLine): a term in 50% of them. */
export const COMMON_TERM = 'zyxhalf';

function sentence(seed: number, words: number): string {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(WORDS[s % WORDS.length] ?? 'x');
  }
  return out.join(' ');
}

export const MODELS = ['bench-model-a', 'bench-model-b', 'bench-model-c', 'bench-model-d'];

type BenchMessage = { role: 'user'; content: string } | { role: 'assistant'; content: { type: 'text'; text: string }[] };

export function benchLine(i: number) {
  const messages: BenchMessage[] = [];
  for (let m = 0; m < 10; m++) {
    const text = sentence(i * 31 + m, 95) + (m === 3 && i % RARE_EVERY === 0 ? ` ${RARE_TERM}` : '');
    messages.push(m % 2 === 0 ? { role: 'user', content: text } : { role: 'assistant', content: [{ type: 'text', text }] });
  }
  return {
    external_id: `bench/${i}`,
    model: MODELS[i % MODELS.length] ?? 'bench-model-a',
    scenario: `bench-${Math.floor(i / MODELS.length)}`,
    sample: 0,
    system: 'You are a helpful assistant.',
    messages,
    tags: [i % 2 ? 'pushback' : 'warmth'],
    metadata: { i },
  };
}

/**
 * The read database (list, search and statistics benchmarks): three model versions taking turns over the
 * same scenarios, each transcript carrying SCORE_SAMPLES imported ratings of STATS_TRAIT, like a judge's
 * samples. With 100,000 transcripts and 10,000 scenarios every model has 3–4 transcripts per scenario.
 */
export const STATS_MODELS = ['bench-model-a', 'bench-model-b', 'bench-model-c'];
export const STATS_TRAIT = 'pushback';
export const SCORE_SAMPLES = 3;
/** Added to every rating of each model: b scores higher than a, c a little lower, so the figures differ. */
const MODEL_OFFSETS = [0, 0.3, -0.1];

/** A uniform number in [0, 1) from integers: the lowbias32 finalizer (C. Wellons' Hash Prospector). */
function unitHash(...keys: number[]): number {
  let z = 0x9e3779b9;
  for (const k of keys) {
    z = Math.imul((z ^ k) ^ ((z ^ k) >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    z ^= z >>> 15;
  }
  return (z >>> 0) / 4294967296;
}

/** Roughly normal with SD 1: the centred sum of three uniforms, scaled (Irwin–Hall, variance 3/12). */
function noise(...keys: number[]): number {
  return (unitHash(...keys, 1) + unitHash(...keys, 2) + unitHash(...keys, 3) - 1.5) * 2;
}

/** Where transcript `i` of the read database sits: its model version, scenario and sample index. */
export function readPlace(i: number, scenarios: number) {
  const model = i % STATS_MODELS.length;
  const turn = Math.floor(i / STATS_MODELS.length);
  return { model, scenario: turn % scenarios, sample: Math.floor(turn / scenarios) };
}

/** The imported ratings of transcript `i` of the read database: `samples` of STATS_TRAIT. */
export function benchScores(i: number, scenarios: number, samples = SCORE_SAMPLES) {
  const { model, scenario } = readPlace(i, scenarios);
  // A scenario's difficulty moves every model's ratings together: that is what pairing on scenarios removes.
  const difficulty = 0.7 * noise(scenario);
  const scores = [];
  for (let sample = 0; sample < samples; sample++) {
    const rating = Math.round(3 + difficulty + (MODEL_OFFSETS[model] ?? 0) + 0.8 * noise(i, sample));
    scores.push({ trait: STATS_TRAIT, value: Math.min(5, Math.max(1, rating)), source: 'import' as const, sample });
  }
  return scores;
}

/** Transcript `i` of the read database, spread over `scenarios` scenarios; the text is `benchLine(i)`'s. */
export function scoredBenchLine(i: number, scenarios: number) {
  const { model, scenario, sample } = readPlace(i, scenarios);
  const scores = benchScores(i, scenarios);
  const line = benchLine(i);
  return {
    ...line,
    messages: i % 2 === 0 ? line.messages.map((m, idx) => (idx === 5 && typeof m.content !== 'string' ? { ...m, content: m.content.map((b) => ({ ...b, text: `${b.text} ${COMMON_TERM}` })) } : m)) : line.messages,
    model: STATS_MODELS[model] ?? 'bench-model-a',
    scenario: `bench-${scenario}`,
    sample,
    scores,
  };
}
