import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FormatError } from '../../server/lib/errors.ts';
import { detect, parseMtBench, readMtBenchQuestions, type MtBenchFile } from '../../server/ingest/formats/mtbench.ts';
import { dataDir, fixture, describeRealData } from './paths.ts';

const fixtureFiles: MtBenchFile[] = [
  'mtbench/question.jsonl',
  'mtbench/model_answer/model-a.jsonl',
  'mtbench/model_answer/model-b.jsonl',
  'mtbench/model_judgment/judge_pair.jsonl',
  'mtbench/model_judgment/judge_single.jsonl',
].map((name) => ({ name, text: fixture(name) }));

function transcript(parsed: ReturnType<typeof parseMtBench>, externalId: string) {
  const found = parsed.transcripts.find((t) => t.externalId === externalId);
  if (!found) throw new Error(`no transcript ${externalId}`);
  return found;
}

describe('MT-Bench files', () => {
  const parsed = parseMtBench(fixtureFiles);

  test('answers become two-turn transcripts on the question scenario', () => {
    expect(parsed.format).toBe('mtbench');
    expect(parsed.transcripts).toHaveLength(7);
    const a1 = transcript(parsed, 'model-a/1');
    expect(a1).toMatchObject({
      source: 'mtbench',
      model: 'model-a',
      scenario: 'mtbench/1',
      scenarioTitle: 'Write a two-line poem about the sea, in a calm and measured voice that a reader…',
      scenarioCategory: 'writing',
      sample: 0,
      tags: ['writing'],
      metadata: { question_id: 1, answer_id: 'ans-a-1', tstamp: 1700000000.5 },
    });
    expect(a1.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(a1.messages[2]?.content).toBe('Now rewrite it so every word starts with S.');
    expect(transcript(parsed, 'model-a/2').metadata['reference_answer']).toEqual(['144', '12']);
    expect(transcript(parsed, 'model-b/3').messages[0]?.content).toBe('Pretend to be a café owner in Zürich.');
  });

  test('an answer to a question the upload lacks still imports on its scenario key, marked', () => {
    const orphan = transcript(parsed, 'model-a/99');
    expect(orphan.scenario).toBe('mtbench/99');
    expect(orphan.scenarioTitle).toBeUndefined();
    expect(orphan.metadata['question_missing']).toBe(true);
    expect(orphan.messages[1]?.content).toBe('An answer to a question that question.jsonl does not have.');
  });

  test('single judgments become 1–10 scores on the judged turn, with the judgment as rationale', () => {
    expect(transcript(parsed, 'model-a/1').scores).toEqual([
      { trait: 'mtbench_score', source: 'import', value: 8, labeler: 'judge-x/single-v1', turns: [1, 1], evidence: [], rationale: 'Calm and memorable. Rating: [[8]]' },
      { trait: 'mtbench_score', source: 'import', value: 9, labeler: 'judge-x/single-v1-multi-turn', turns: [3, 3], evidence: [], rationale: 'Every word starts with S. Rating: [[9]]' },
    ]);
    expect(transcript(parsed, 'model-a/2').scores).toEqual([
      expect.objectContaining({ value: null, status: 'failed', naReason: 'the judge gave no rating (score -1)' }),
    ]);
  });

  test('pair judgments keep both position orders and add MT-Bench’s verdict as its own trait', () => {
    const onQuestion = (q: number, trait: string) =>
      parsed.comparisons.filter((c) => c.a.externalId === `model-a/${q}` && c.trait === trait).map((c) => [c.shownOrder, c.winner]);
    const a = { source: 'mtbench', externalId: 'model-a/1' };
    expect(parsed.comparisons[0]).toEqual({
      a,
      b: { source: 'mtbench', externalId: 'model-b/1' },
      trait: 'mtbench_pairwise',
      source: 'import',
      winner: 'a',
      shownOrder: 'ab',
      rationale: 'A is better. [[A]]',
      labeler: 'judge-x/pair-v2',
    });
    expect(onQuestion(1, 'mtbench_pairwise')).toEqual([['ab', 'a'], ['ba', 'a']]);
    expect(onQuestion(1, 'mtbench_pairwise_consensus')).toEqual([['unknown', 'a']]);
    // Inconsistent across orders: each order kept as judged, the consensus is a tie.
    expect(onQuestion(2, 'mtbench_pairwise')).toEqual([['ab', 'a'], ['ba', 'b']]);
    expect(onQuestion(2, 'mtbench_pairwise_consensus')).toEqual([['unknown', 'tie']]);
    // An error game is not a verdict: the other order stays, no consensus.
    expect(onQuestion(3, 'mtbench_pairwise')).toEqual([['ab', 'tie']]);
    expect(onQuestion(3, 'mtbench_pairwise_consensus')).toEqual([]);
    expect(onQuestion(3, 'mtbench_pairwise_turn2')).toEqual([['ab', 'b'], ['ba', 'b']]);
    expect(onQuestion(3, 'mtbench_pairwise_consensus_turn2')).toEqual([['unknown', 'b']]);
    expect(parsed.comparisons).toHaveLength(10);
  });

  test('what cannot be imported is listed with file and line', () => {
    expect(parsed.failed).toEqual([
      { where: 'mtbench/model_answer/model-b.jsonl line 4', message: expect.stringContaining('not valid JSON') },
      { where: 'mtbench/model_judgment/judge_single.jsonl line 4', message: expect.stringContaining('is not in this upload') },
      { where: 'mtbench/model_judgment/judge_single.jsonl line 5', message: "turn 3 is beyond the answer's 2 turns" },
      { where: 'mtbench/model_judgment/judge_pair.jsonl line 3 g2', message: 'the judge gave no verdict (winner "error")' },
      { where: 'mtbench/model_judgment/judge_pair.jsonl line 5', message: expect.stringContaining('no answer from model-a and model-b') },
      { where: 'mtbench/model_judgment/judge_pair.jsonl line 6', message: expect.stringContaining('g1_winner') },
    ]);
  });

  test('judgments alone still give comparisons, naming transcripts imported earlier', () => {
    const judgmentsOnly = parseMtBench([{ name: 'gpt-4_pair.jsonl', text: fixture('mtbench/model_judgment/judge_pair.jsonl') }]);
    expect(judgmentsOnly.transcripts).toEqual([]);
    expect(judgmentsOnly.comparisons.map((c) => c.a.externalId)).toContain('model-a/4');
  });

  test('files are told apart by content when their names say nothing', () => {
    const renamed = fixtureFiles.map((f, i) => ({ name: `upload-${i}.jsonl`, text: f.text }));
    const again = parseMtBench(renamed);
    expect(again.transcripts.map((t) => t.externalId)).toEqual(parsed.transcripts.map((t) => t.externalId));
    expect(again.comparisons).toHaveLength(10);
  });
});

describe('MT-Bench hostile input', () => {
  test('an empty file, or files of another format, are format errors', () => {
    expect(() => parseMtBench([{ name: 'question.jsonl', text: '' }])).toThrow(FormatError);
    expect(() => parseMtBench([{ name: 'x.jsonl', text: fixture('hh-rlhf.jsonl') }])).toThrow(/not MT-Bench/);
    expect(() => parseMtBench([{ name: 'x.jsonl', text: '{"question_id": 1, "turns": ["a"' }])).toThrow(/no line is valid JSON/);
    expect(() => parseMtBench([])).toThrow(FormatError);
  });

  test('detect recognises each MT-Bench file kind and nothing else', () => {
    for (const f of fixtureFiles) expect(detect(f.text)).toBe(true);
    expect(detect(fixture('hh-rlhf.jsonl'))).toBe(false);
    expect(detect(fixture('openai-chat.jsonl'))).toBe(false);
    expect(detect(fixture('spiral-small.json'))).toBe(false);
  });
});

describeRealData('MT-Bench real files (shared/data/mt-bench)', () => {
  const root = path.join(dataDir, 'mt-bench');
  const read = (rel: string): MtBenchFile => ({ name: rel, text: readFileSync(path.join(root, rel), 'utf8') });
  const lmsys = 'lm-sys-FastChat/fastchat/llm_judge/data/mt_bench';
  const enricai = 'enricai-FastChat/fastchat/llm_judge/data/mt_bench/model_answer';
  const stefan = 'Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench';
  const answerFiles = [
    ...readdirSync(path.join(root, enricai)).map((f) => `${enricai}/${f}`),
    `${stefan}/model_answer/phi-3.jsonl`,
    `${stefan}/model_answer/phi-3-dpo.jsonl`,
  ];
  const files = [`${lmsys}/question.jsonl`, ...answerFiles, `${stefan}/model_judgment/gpt-4_pair.jsonl`, `${stefan}/model_judgment/gpt-4_single.jsonl`].map(read);
  const parsed = parseMtBench(files);

  test('80 questions, 8 answer files × 80 answers on 80 shared scenarios', () => {
    const questions = readMtBenchQuestions(read(`${lmsys}/question.jsonl`).text);
    expect(questions.size).toBe(80);
    expect(new Set([...questions.values()].map((q) => q.category)).size).toBe(8);
    expect(answerFiles).toHaveLength(8);
    expect(parsed.transcripts).toHaveLength(640);
    expect(new Set(parsed.transcripts.map((t) => t.model)).size).toBe(8);
    for (const model of new Set(parsed.transcripts.map((t) => t.model))) {
      expect(parsed.transcripts.filter((t) => t.model === model)).toHaveLength(80);
    }
    expect(new Set(parsed.transcripts.map((t) => t.scenario)).size).toBe(80);
    expect(parsed.transcripts.every((t) => t.messages.length === 4 && t.scenarioTitle !== undefined)).toBe(true);
  });

  test('160 single scores on phi-3-dpo, 80 per turn', () => {
    const scores = parsed.transcripts.flatMap((t) => t.scores.map((s) => ({ model: t.model, ...s })));
    expect(scores).toHaveLength(160);
    expect(scores.every((s) => s.model === 'phi-3-dpo' && s.status === undefined)).toBe(true);
    expect(scores.filter((s) => s.turns?.[0] === 1)).toHaveLength(80);
    expect(scores.filter((s) => s.turns?.[0] === 3)).toHaveLength(80);
  });

  test('75 pair rows → 147 per-order verdicts, 73 consensus verdicts, 3 error games', () => {
    // Counted from the file: g1 model_1 40 / model_2 23 / tie 11 / error 1; g2 model_2 39 / tie 14 / model_1 20 / error 2;
    // 47 rows agree (one of them error/error), so 73 rows have both games and 35 of those are ties.
    const count = (trait: string, order: string, winner: string) =>
      parsed.comparisons.filter((c) => c.trait === trait && c.shownOrder === order && c.winner === winner).length;
    expect([count('mtbench_pairwise', 'ab', 'a'), count('mtbench_pairwise', 'ab', 'b'), count('mtbench_pairwise', 'ab', 'tie')]).toEqual([40, 23, 11]);
    expect([count('mtbench_pairwise', 'ba', 'a'), count('mtbench_pairwise', 'ba', 'b'), count('mtbench_pairwise', 'ba', 'tie')]).toEqual([20, 39, 14]);
    expect([count('mtbench_pairwise_consensus', 'unknown', 'a'), count('mtbench_pairwise_consensus', 'unknown', 'b'), count('mtbench_pairwise_consensus', 'unknown', 'tie')]).toEqual([18, 20, 35]);
    expect(parsed.comparisons).toHaveLength(147 + 73);
    expect(parsed.failed).toEqual([
      { where: `${stefan}/model_judgment/gpt-4_pair.jsonl line 74 g2`, message: 'the judge gave no verdict (winner "error")' },
      { where: `${stefan}/model_judgment/gpt-4_pair.jsonl line 75 g1`, message: 'the judge gave no verdict (winner "error")' },
      { where: `${stefan}/model_judgment/gpt-4_pair.jsonl line 75 g2`, message: 'the judge gave no verdict (winner "error")' },
    ]);
  });

  test('every comparison names transcripts of this upload (phi-3 vs phi-3-dpo)', () => {
    const ids = new Set(parsed.transcripts.map((t) => t.externalId));
    expect(parsed.comparisons.every((c) => ids.has(c.a.externalId) && ids.has(c.b.externalId))).toBe(true);
    expect(new Set(parsed.comparisons.map((c) => `${c.a.externalId.split('/')[0]} vs ${c.b.externalId.split('/')[0]}`))).toEqual(new Set(['phi-3 vs phi-3-dpo']));
  });
});
