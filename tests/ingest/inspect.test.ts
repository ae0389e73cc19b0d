import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { FormatError, LimitExceeded } from '../../server/lib/errors.ts';
import { parseInspectEval } from '../../server/ingest/formats/inspect-eval.ts';
import { detect, parseInspectJson } from '../../server/ingest/formats/inspect.ts';
import { readZipEntries, unsafePath } from '../../server/ingest/formats/zip.ts';
import type { ParsedImport } from '../../server/ingest/transcript-input.ts';
import { dataDir, fixture, describeRealData } from './paths.ts';

const limits = { maxUncompressedBytes: 1024 * 1024, maxEntries: 100 };
const logSchema = z.looseObject({ samples: z.array(z.looseObject({ id: z.unknown().optional(), epoch: z.number() })) });

/** The fixture log as an `.eval` archive: header.json without samples, one file per sample, plus the extras Inspect writes. */
function evalArchive(extra: Zippable = {}, options: { header?: boolean } = {}): Uint8Array {
  const log = logSchema.parse(JSON.parse(fixture('inspect-log.json')));
  const { samples, ...header } = log;
  const files: Zippable = {
    '_journal/start.json': strToU8(JSON.stringify({ version: 2, eval: header['eval'], plan: header['plan'] })),
    'summaries.json': strToU8('[]'),
    ...extra,
  };
  if (options.header !== false) files['header.json'] = strToU8(JSON.stringify(header));
  samples.forEach((s, i) => {
    files[`samples/${String(s.id ?? `bad${i}`)}_epoch_${s.epoch}.json`] = strToU8(JSON.stringify(s));
  });
  return zipSync(files);
}

function transcriptById(parsed: ParsedImport, suffix: string) {
  const found = parsed.transcripts.find((t) => t.externalId?.endsWith(suffix));
  if (!found) throw new Error(`no transcript ending ${suffix}`);
  return found;
}

describe('Inspect AI .json log', () => {
  const parsed = parseInspectJson(fixture('inspect-log.json'));

  test('a sample becomes a transcript on task + sample id, epoch as sample index', () => {
    expect(parsed.format).toBe('inspect');
    expect(parsed.transcripts).toHaveLength(2);
    const s1 = transcriptById(parsed, '/s-1/2');
    expect(s1).toMatchObject({
      externalId: 'run-fixture-1:task-fixture-1/s-1/2',
      source: 'inspect',
      model: 'tool-model',
      scenario: 'inspect/tool_task/s-1',
      scenarioTitle: 'What is six times seven? Use the calculator.',
      scenarioCategory: 'tool_task',
      sample: 1,
      system: 'Use tools when needed.',
      inputTokens: 10,
      outputTokens: 5,
      tags: [],
    });
    expect(s1.metadata).toMatchObject({
      inspect_model: 'acme/tool-model',
      log_status: 'cancelled',
      eval_id: null,
      target: '42',
      sample_metadata: { difficulty: 'easy' },
      score_answers: { match: '42' },
      omitted_content: { audio: 1 },
    });
  });

  test('tool calls, tool results, reasoning and attachments become blocks', () => {
    expect(transcriptById(parsed, '/s-1/2').messages).toEqual([
      { role: 'user', content: 'What is six times seven? Use the calculator.' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Need the calculator.', signature: 's1' },
          { type: 'text', text: 'Let me compute.' },
          { type: 'tool_use', id: 'tc1', name: 'calc', input: { expr: '6*7' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool_result', tool_use_id: 'tc1', content: '42' }] },
      { role: 'tool', content: [{ type: 'tool_result', tool_use_id: 'tc2', content: [{ type: 'text', text: 'timeout' }], is_error: true }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The answer is 42 — ✓' }] },
    ]);
  });

  test('scores: categories kept, dict values split by key, booleans 1/0, explanation as rationale', () => {
    expect(transcriptById(parsed, '/s-1/2').scores).toEqual([
      { trait: 'match', source: 'import', value: 'C', evidence: [], rationale: 'matches target' },
      { trait: 'rubric_helpfulness', source: 'import', value: 4, evidence: [], rationale: 'helpful and warm' },
      { trait: 'rubric_tone', source: 'import', value: 'warm', evidence: [], rationale: 'helpful and warm' },
      { trait: 'flag', source: 'import', value: 1, evidence: [], rationale: undefined },
    ]);
  });

  test('an unscored sample that never ran shows its input, tagged error', () => {
    const s7 = transcriptById(parsed, '/7/1');
    expect(s7).toMatchObject({ sample: 0, scenario: 'inspect/tool_task/7', tags: ['error'], scores: [], metadata: { error: 'CancelledError' } });
    expect(s7.messages).toEqual([{ role: 'user', content: 'Unscored question' }]);
  });

  test('what cannot be read is listed', () => {
    expect(parsed.failed).toEqual([
      { where: 'samples.0.scores.listy', message: 'score value [1,2] is not a number, category or boolean' },
      { where: 'samples.2', message: expect.stringContaining('id') },
    ]);
  });

  test('a log without samples imports nothing and says so', () => {
    const header = fixture('inspect-log.json').replace(/"samples": \[[\s\S]*\]\n\}\s*$/u, '"samples": []}');
    expect(parseInspectJson(header)).toMatchObject({ transcripts: [], failed: [{ where: 'samples', message: expect.stringContaining('cancelled') }] });
  });

  test('empty, truncated, or another format is a format error', () => {
    const text = fixture('inspect-log.json');
    expect(() => parseInspectJson('')).toThrow(FormatError);
    expect(() => parseInspectJson(text.slice(0, 500))).toThrow(/not valid JSON/);
    expect(() => parseInspectJson(fixture('spiral-small.json'))).toThrow(/not an Inspect AI log/);
    expect(() => parseInspectJson('[{"version": 2}]')).toThrow(/not an Inspect AI log/);
  });

  test('a byte-order mark before the JSON is tolerated', () => {
    expect(parseInspectJson(`\uFEFF${fixture('inspect-log.json')}`).transcripts).toHaveLength(2);
  });

  test('detect', () => {
    expect(detect(fixture('inspect-log.json'))).toBe(true);
    expect(detect(fixture('spiral-small.json'))).toBe(false);
    expect(detect(fixture('openai-chat.jsonl'))).toBe(false);
  });
});

describe('Inspect AI .eval archive', () => {
  test('reads the same transcripts as the .json log', () => {
    const fromEval = parseInspectEval(evalArchive(), limits);
    const fromJson = parseInspectJson(fixture('inspect-log.json'));
    const byId = (p: ParsedImport) => [...p.transcripts].sort((x, y) => (x.externalId ?? '').localeCompare(y.externalId ?? ''));
    expect(byId(fromEval)).toEqual(byId(fromJson));
    // Sample files are read in natural name order: 7, bad2, s-1.
    expect(fromEval.failed.map((f) => f.where)).toEqual(['samples/bad2_epoch_1.json', 'samples/s-1_epoch_2.json.scores.listy']);
  });

  test('a log still being written (no header.json) reads its journal header', () => {
    expect(parseInspectEval(evalArchive({}, { header: false }), limits).transcripts).toHaveLength(2);
  });

  test('an archive with no header at all is a format error', () => {
    expect(() => parseInspectEval(zipSync({ 'samples/1_epoch_1.json': strToU8('{}') }), limits)).toThrow(/not an Inspect .eval log/);
  });

  test('a sample entry that is not JSON fails alone', () => {
    const parsed = parseInspectEval(evalArchive({ 'samples/broken_epoch_1.json': strToU8('{"id": 1, "epo') }), limits);
    expect(parsed.transcripts).toHaveLength(2);
    expect(parsed.failed[0]).toEqual({ where: 'samples/broken_epoch_1.json', message: expect.stringContaining('not valid JSON') });
  });
});

describe('Inspect .eval hostile archives', () => {
  test('0 bytes, not a zip, or a cut-off zip', () => {
    expect(() => parseInspectEval(new Uint8Array(0), limits)).toThrow(FormatError);
    expect(() => parseInspectEval(strToU8('PK\u0003\u0004 not really a zip'), limits)).toThrow(/not a readable zip/);
    const whole = evalArchive();
    expect(() => parseInspectEval(whole.subarray(0, whole.length - 30), limits)).toThrow(FormatError);
  });

  test('a zip bomb is refused from its declared size before anything is inflated', () => {
    const bomb = evalArchive({ 'samples/bomb_epoch_1.json': new Uint8Array(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => parseInspectEval(bomb, limits)).toThrow(LimitExceeded);
    expect(() => parseInspectEval(bomb, limits)).toThrow(/expands to more than 1048576 bytes/);
  });

  test('an entry that understates its size comes out cut short, never larger', () => {
    const archive = evalArchive({ 'samples/liar_epoch_1.json': new Uint8Array(8 * 1024 * 1024).fill(0x20) });
    setDeclaredSize(archive, 'samples/liar_epoch_1.json', 100);
    expect(readZipEntries(archive, limits, (n) => n === 'samples/liar_epoch_1.json').get('samples/liar_epoch_1.json')).toHaveLength(100);
    const parsed = parseInspectEval(archive, limits);
    expect(parsed.transcripts).toHaveLength(2);
    expect(parsed.failed[0]).toEqual({ where: 'samples/liar_epoch_1.json', message: expect.stringContaining('not valid JSON') });
  });

  test('too many entries', () => {
    const many: Zippable = {};
    for (let i = 0; i < 150; i++) many[`_journal/summaries/${i}.json`] = strToU8('[]');
    expect(() => parseInspectEval(evalArchive(many), limits)).toThrow(/more than 100 entries/);
  });

  test.each(['../evil.json', 'samples/../../evil.json', '/etc/passwd', 'C:/evil.json', 'samples\\..\\evil.json'])('path traversal %s', (name) => {
    expect(() => parseInspectEval(evalArchive({ [name]: strToU8('{}') }), limits)).toThrow(/unsafe path in archive/);
  });

  test('unsafePath accepts plain relative paths only', () => {
    expect(unsafePath('samples/1_epoch_1.json')).toBeUndefined();
    expect(unsafePath('a/..b/c')).toBeUndefined();
    expect(unsafePath('a/../b')).toBe('parent directory (..) in path');
  });
});

/** Rewrites an entry's uncompressed size in the zip's central directory (signature 0x02014b50). */
function setDeclaredSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint32(i + 24, size, true);
      return;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

describeRealData('Inspect AI real logs (shared/data/inspect-ai)', () => {
  const root = path.join(dataDir, 'inspect-ai/tests');
  const read = (rel: string): ParsedImport => {
    const bytes = readFileSync(path.join(root, rel));
    return rel.endsWith('.eval') ? parseInspectEval(new Uint8Array(bytes), limits) : parseInspectJson(bytes.toString('utf8'));
  };

  // The README's table: file, model, task, samples, score values.
  test.each([
    ['scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval', 'gpt-4o-mini', 'popularity', 'match', 'CCICCCICCC'],
    ['log/test_eval_log/log_read_sample.eval', 'gemma3', 'popularity', 'match', 'C'],
    ['log/test_eval_log/log_read_sample.json', 'gemma3', 'popularity', 'match', 'C'],
    ['log/test_eval_log/log_formats.eval', 'llama3.1', 'popularity', 'match', 'I'],
    ['log/test_list_logs/2024-11-05T13-31-45-05-00_input-task_8zXjbRzCWrL9GXiXo2vus9.json', 'gpt-4o-mini', 'input_task', 'model_graded_fact', 'C'],
    ['log/test_list_logs/2024-11-05T13-32-37-05-00_input-task_hxs4q9azL3ySGkjJirypKZ.eval', 'gpt-4o-mini', 'input_task', 'model_graded_fact', 'C'],
    ['analysis/test_logs/2025-05-12T20-28-26-04-00_security-guide.json', 'gpt-4o-mini', 'security_guide', 'model_graded_fact', 'CCC'],
    ['analysis/test_logs_choices/mmlu-summary-choices.eval', 'gpt-4o', 'inspect_evals/mmlu_0_shot', 'choice', 'I'],
  ])('%s', (file, model, task, scorer, values) => {
    const parsed = read(file);
    expect(parsed.failed).toEqual([]);
    expect(parsed.transcripts).toHaveLength(values.length);
    expect(parsed.transcripts.every((t) => t.model === model && t.scenario?.startsWith(`inspect/${task}/`))).toBe(true);
    // Each sample has one score of its scorer, in sample-id order.
    expect(parsed.transcripts.map((t) => t.scores.map((s) => `${s.trait}=${String(s.value)}`).join())).toEqual([...values].map((v) => `${scorer}=${v}`));
    expect(parsed.transcripts.every((t) => t.messages.some((m) => m.role === 'assistant'))).toBe(true);
  });

  test('the popularity accuracy of 0.8 and the model-graded explanations come through', () => {
    const popularity = read('scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval');
    const values = popularity.transcripts.flatMap((t) => t.scores.map((s) => s.value));
    expect(values.filter((v) => v === 'C')).toHaveLength(8);
    expect(values.filter((v) => v === 'I')).toHaveLength(2);
    const graded = read('analysis/test_logs/2025-05-12T20-28-26-04-00_security-guide.json');
    expect(graded.transcripts.every((t) => (t.scores[0]?.rationale?.length ?? 0) > 200)).toBe(true);
  });

  test('popularity sample 1 from three models lines up on one scenario', () => {
    const files = [
      'scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval',
      'log/test_eval_log/log_read_sample.eval',
      'log/test_eval_log/log_read_sample.json',
      'log/test_eval_log/log_formats.eval',
    ];
    const sample1 = files.flatMap((f) => read(f).transcripts).filter((t) => t.scenario === 'inspect/popularity/1');
    expect(sample1.map((t) => [t.model, t.scores[0]?.value])).toEqual([
      ['gpt-4o-mini', 'C'],
      ['gemma3', 'C'],
      ['gemma3', 'C'],
      ['llama3.1', 'I'],
    ]);
    // The .eval and .json gemma3 logs are separate runs: two transcripts, not one.
    expect(new Set(sample1.map((t) => t.externalId)).size).toBe(4);
  });
});
