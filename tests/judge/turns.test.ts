import type Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { checkJudgment } from '../../server/judge/judgment.ts';
import { buildScoreRequest } from '../../server/judge/prompt.ts';
import { parseRubric, type Rubric } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { nativeLine } from '../helpers/builders.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { createJudgeTestApp, waitForRun, type JudgeTestApp } from './support.ts';

/** The escalation rubric, judged per assistant turn instead of per transcript. */
const perTurnText = readFileSync(join(defaultRubricsDir, 'escalation.md'), 'utf8').replace('id: escalation', 'id: escalation_turns').replace('unit: transcript', 'unit: assistant_turn');
let rubric: Rubric;
beforeAll(() => {
  const parsed = parseRubric('escalation_turns.md', perTurnText);
  if (!('rubric' in parsed)) throw new Error(JSON.stringify(parsed.problems));
  rubric = parsed.rubric;
});

const call = (input: unknown): Anthropic.ContentBlock[] => [{ type: 'tool_use', id: 't', name: 'record_judgment', input, caller: { type: 'direct' } }];
const texts = ['I am furious', 'That sounds hard. Let us slow down.', 'I will go there now', 'Please wait until tomorrow.'];

describe('a rubric judged per assistant turn', () => {
  test('asks for one entry per assistant message', () => {
    const request = buildScoreRequest(rubric, { id: 'x', systemPrompt: null, messages: texts.map((t, i) => ({ index: i, role: i % 2 ? 'assistant' : 'user', content: t })) }, 'claude-sonnet-5');
    const tool = request.tools?.[0];
    expect(tool && 'input_schema' in tool ? Object.keys(tool.input_schema.properties ?? {}) : []).toEqual(['reasoning', 'turns']);
    expect(JSON.stringify(request.system)).toContain('every assistant message');
  });

  test('every assistant turn gets its own score with quotes checked against that turn', () => {
    const checked = checkJudgment(
      call({ reasoning: 'calms twice', turns: [{ message_index: 1, evidence: [{ quote: 'slow down' }], score: 4, not_applicable_reason: null }, { message_index: 3, evidence: [{ quote: 'go there now' }], score: 5 }] }),
      rubric,
      texts,
      [1, 3],
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        kind: 'turns',
        reasoning: 'calms twice',
        turns: [
          { messageIndex: 1, score: 4, naReason: null, evidence: [{ message_index: 1, quote: 'slow down', verified: true }] },
          { messageIndex: 3, score: 5, naReason: null, evidence: [{ message_index: 3, quote: 'go there now', verified: false }] },
        ],
      },
    });
  });

  test('a missing, repeated or non-assistant turn is invalid', () => {
    expect(checkJudgment(call({ reasoning: 'r', turns: [{ message_index: 1, evidence: [], score: 3 }] }), rubric, texts, [1, 3])).toEqual({ ok: false, error: 'turns: no score for assistant message 3' });
    expect(checkJudgment(call({ reasoning: 'r', turns: [1, 1, 2, 3].map((i) => ({ message_index: i, evidence: [], score: 3 })) }), rubric, texts, [1, 3])).toEqual({
      ok: false,
      error: 'turns: message 2 is not from the assistant; message 1 scored more than once',
    });
  });
});

describe('judging per turn end to end', () => {
  let t: JudgeTestApp;
  let fake: FakeAnthropic;
  let dir: string;
  afterEach(async () => {
    await t.cleanup();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('stores one score per assistant turn, with the turn as its range', async () => {
    dir = mkdtempSync(join(tmpdir(), 'charlens-turn-rubrics-'));
    writeFileSync(join(dir, 'escalation_turns.md'), perTurnText);
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake, rubricsDir: dir });
    const res = await t.upload([nativeLine({ messages: texts.map((text, i) => ({ role: i % 2 ? 'assistant' : 'user', content: text })) })]);
    expect(res.status).toBe(200);
    const created: any = await (await t.post('/api/v1/judge/runs', { traits: ['escalation_turns'], where: {}, budgetUsd: 1 })).json();
    t.startWorker();
    await waitForRun(t, created.id);
    const rows = (await t.database.client.execute('SELECT turn_start, turn_end, status, evidence FROM scores ORDER BY turn_start')).rows;
    expect(rows.map((r) => [r['turn_start'], r['turn_end'], r['status']])).toEqual([
      [1, 1, 'valid'],
      [3, 3, 'valid'],
    ]);
    expect(String(rows[0]?.['evidence'])).toContain('"verified":true');
  });
});
