/** Deterministic synthetic transcripts for the benchmarks: ~6 KB, 10 messages each. */

const WORDS = (
  'the model user pushback claim evidence answer question reason because however agree disagree moon rock ' +
  'science history careful honest warm kind wrong right maybe perhaps actually data source study paper result ' +
  'plan risk money health friend family work code bug test change version trait score judge label review'
).split(' ');

/** A term that appears in one transcript of every RARE_EVERY, for the rare-term search. */
export const RARE_TERM = 'zyxquokka';
export const RARE_EVERY = 10_000;
export const COMMON_TERM = 'pushback';

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

export function benchLine(i: number) {
  const messages = [];
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
