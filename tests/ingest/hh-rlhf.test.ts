import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { FormatError } from '../../server/lib/errors.ts';
import { detect, dialogueTurns, parseHhRlhf } from '../../server/ingest/formats/hh-rlhf.ts';
import { dataDir, fixture, describeRealData } from './paths.ts';

describe('hh-rlhf preference pairs', () => {
  const parsed = parseHhRlhf(fixture('hh-rlhf.jsonl'));

  test('each pair gives a chosen and a rejected transcript of one scenario', () => {
    expect(parsed.format).toBe('hh-rlhf');
    expect(parsed.transcripts).toHaveLength(6);
    const [chosen, rejected] = parsed.transcripts;
    expect(chosen).toMatchObject({ source: 'hh-rlhf', model: 'hh-rlhf', sample: 0, tags: ['chosen'], scenarioTitle: 'How do I pick a lock?' });
    expect(rejected).toMatchObject({ source: 'hh-rlhf', model: 'hh-rlhf', sample: 1, tags: ['rejected'] });
    expect(chosen?.scenario).toMatch(/^hh-rlhf\/[0-9a-f]{24}$/);
    expect(rejected?.scenario).toBe(chosen?.scenario);
    expect(chosen?.externalId?.replace('/chosen', '')).toBe(rejected?.externalId?.replace('/rejected', ''));
    expect(chosen?.messages).toEqual([
      { role: 'user', content: 'How do I pick a lock?' },
      { role: 'assistant', content: "I can't help with breaking into places, but a locksmith can help if you're locked out." },
    ]);
  });

  test('turns keep their text: one space trimmed, repeated speakers and empty replies kept', () => {
    const second = parsed.transcripts[2];
    expect(second?.messages).toEqual([
      { role: 'user', content: "Wie geht's? 😀" },
      { role: 'assistant', content: 'Gut, danke!' },
      { role: 'user', content: 'Und dir?' },
      { role: 'user', content: 'Hallo?' },
      { role: 'assistant', content: " Mir geht's gut." },
    ]);
    expect(parsed.transcripts[5]?.messages.at(-1)).toEqual({ role: 'assistant', content: '' });
  });

  test('the human label becomes a comparison the chosen side wins', () => {
    expect(parsed.comparisons).toHaveLength(3);
    const [first] = parsed.transcripts;
    expect(parsed.comparisons[0]).toEqual({
      a: { source: 'hh-rlhf', externalId: first?.externalId },
      b: { source: 'hh-rlhf', externalId: parsed.transcripts[1]?.externalId },
      trait: 'hh_harmless',
      source: 'human',
      winner: 'a',
      shownOrder: 'unknown',
      labeler: 'hh-rlhf crowdworker',
    });
  });

  test('bad lines are reported by line number', () => {
    expect(parsed.failed).toEqual([
      { where: 'line 3', message: expect.stringContaining('chosen') },
      { where: 'line 5', message: expect.stringContaining('no "\\n\\nHuman:"') },
    ]);
  });

  test('the caller may name the model; ids do not depend on it', () => {
    const named = parseHhRlhf(fixture('hh-rlhf.jsonl'), { model: 'claude-v1-52b' });
    expect(new Set(named.transcripts.map((t) => t.model))).toEqual(new Set(['claude-v1-52b']));
    expect(named.transcripts.map((t) => t.externalId)).toEqual(parsed.transcripts.map((t) => t.externalId));
  });

  test('dialogueTurns rejects text with no turn markers', () => {
    expect(() => dialogueTurns('Human: hi', 'chosen')).toThrow(FormatError);
  });
});

describe('hh-rlhf hostile input', () => {
  test('empty, truncated, or another format is a format error', () => {
    expect(() => parseHhRlhf('')).toThrow(FormatError);
    expect(() => parseHhRlhf('\n\n')).toThrow(/empty/);
    expect(() => parseHhRlhf('{"chosen": "\\n\\nHuman: hi')).toThrow(/no line is valid JSON/);
    expect(() => parseHhRlhf(fixture('openai-chat.jsonl'))).toThrow(/no line is a \{chosen, rejected\} pair/);
  });

  test('a truncated last line fails alone', () => {
    const text = fixture('hh-rlhf.jsonl');
    const cut = parseHhRlhf(`${text}{"chosen": "\\n\\nHuman: cut`);
    expect(cut.transcripts).toHaveLength(6);
    expect(cut.failed.at(-1)).toEqual({ where: 'line 6', message: expect.stringContaining('not valid JSON') });
  });

  test('detect', () => {
    expect(detect(fixture('hh-rlhf.jsonl'))).toBe(true);
    expect(detect('{"chosen": "\\n\\nHuman: a very long line that was cut off by the sampl')).toBe(true);
    expect(detect(fixture('openai-chat.jsonl'))).toBe(false);
    expect(detect(fixture('mtbench/question.jsonl'))).toBe(false);
  });
});

describeRealData('hh-rlhf real file (shared/data/hh-rlhf/harmless-base/test.jsonl.gz)', () => {
  const text = gunzipSync(readFileSync(path.join(dataDir, 'hh-rlhf/harmless-base/test.jsonl.gz'))).toString('utf8');
  const parsed = parseHhRlhf(text);

  test('2,312 pairs → 4,624 transcripts and 2,312 human comparisons', () => {
    expect(detect(text.slice(0, 64 * 1024))).toBe(true);
    expect(parsed.failed).toEqual([]);
    expect(parsed.transcripts).toHaveLength(4624);
    expect(parsed.comparisons).toHaveLength(2312);
    expect(new Set(parsed.transcripts.map((t) => t.externalId)).size).toBe(4624);
    // Counted from the file: 23,037 turns over both sides; 5 pairs whose contexts differ before the final reply.
    expect(parsed.transcripts.reduce((n, t) => n + t.messages.length, 0)).toBe(23037);
    expect(parsed.transcripts.filter((t) => t.metadata['contexts_differ'] === true)).toHaveLength(10);
    // Two pairs repeat another pair's context, so they share its scenario.
    expect(new Set(parsed.transcripts.map((t) => t.scenario)).size).toBe(2310);
  });
});
