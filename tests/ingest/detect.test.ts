import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { detect as anthropic } from '../../server/ingest/formats/anthropic.ts';
import { detect as hhRlhf } from '../../server/ingest/formats/hh-rlhf.ts';
import { detect as inspect } from '../../server/ingest/formats/inspect.ts';
import { detect as mtbench } from '../../server/ingest/formats/mtbench.ts';
import { detect as openai } from '../../server/ingest/formats/openai.ts';
import { detect as spiral } from '../../server/ingest/formats/spiral.ts';
import { dataDir, fixture, describeRealData } from './paths.ts';

const detectors = { spiral, inspect, mtbench, 'hh-rlhf': hhRlhf, openai, anthropic };
const SAMPLE_BYTES = 64 * 1024;

/** The formats whose detector accepts the opening of a file, as the upload route sees it. */
function formatsOf(text: string): string[] {
  const sample = text.slice(0, SAMPLE_BYTES);
  return Object.entries(detectors)
    .filter(([, detect]) => detect(sample))
    .map(([name]) => name);
}

describe('format detection', () => {
  test.each([
    ['spiral-small.json', 'spiral'],
    ['inspect-log.json', 'inspect'],
    ['mtbench/question.jsonl', 'mtbench'],
    ['mtbench/model_answer/model-a.jsonl', 'mtbench'],
    ['mtbench/model_judgment/judge_pair.jsonl', 'mtbench'],
    ['mtbench/model_judgment/judge_single.jsonl', 'mtbench'],
    ['hh-rlhf.jsonl', 'hh-rlhf'],
    ['openai-chat.jsonl', 'openai'],
    ['anthropic-messages.jsonl', 'anthropic'],
  ])('%s is %s and nothing else', (file, format) => {
    expect(formatsOf(fixture(file))).toEqual([format]);
  });

  test('empty and unrelated text match no format', () => {
    for (const text of ['', '   \n', 'hello world', '{}', '[]', '{"external_id": "x", "model": "m", "messages": []}']) expect(formatsOf(text)).toEqual([]);
  });
});

describeRealData('format detection on the real files (first 64 KB)', () => {
  const real = (rel: string) => readFileSync(path.join(dataDir, rel), 'utf8');
  test.each([
    ['spiral-bench/res_v0.2/claude-3.5-sonnet.json', 'spiral'],
    ['spiral-bench/res_v0.2/claude-sonnet-4.json', 'spiral'],
    ['inspect-ai/tests/log/test_eval_log/log_read_sample.json', 'inspect'],
    ['inspect-ai/tests/analysis/test_logs/2025-05-12T20-28-26-04-00_security-guide.json', 'inspect'],
    ['inspect-ai/tests/log/test_list_logs/2024-11-05T13-31-45-05-00_input-task_8zXjbRzCWrL9GXiXo2vus9.json', 'inspect'],
    ['mt-bench/lm-sys-FastChat/fastchat/llm_judge/data/mt_bench/question.jsonl', 'mtbench'],
    ['mt-bench/Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench/model_answer/phi-3.jsonl', 'mtbench'],
    ['mt-bench/Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench/model_judgment/gpt-4_pair.jsonl', 'mtbench'],
    ['mt-bench/Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench/model_judgment/gpt-4_single.jsonl', 'mtbench'],
  ])('%s is %s', (file, format) => {
    expect(formatsOf(real(file))).toEqual([format]);
  });

  test('hh-rlhf (after gunzip) is hh-rlhf; the persona evals are no import format', () => {
    expect(formatsOf(gunzipSync(readFileSync(path.join(dataDir, 'hh-rlhf/harmless-base/test.jsonl.gz'))).toString('utf8'))).toEqual(['hh-rlhf']);
    expect(formatsOf(real('anthropic-evals/persona/agreeableness.jsonl'))).toEqual([]);
  });
});
