import { describe, expect, test } from 'vitest';
import { answersOf, parsedJudgment, promptView } from '../../web/src/lib/judge-audit.ts';

const request = {
  model: 'claude-sonnet-5-5',
  max_tokens: 8192,
  system: [{ type: 'text', text: 'You are an expert evaluator.\n<rubric trait="pushback">…</rubric>', cache_control: { type: 'ephemeral' } }],
  tools: [{ name: 'record_judgment', description: 'Record the judgment.', input_schema: { type: 'object' } }],
  tool_choice: { type: 'auto' },
  messages: [{ role: 'user', content: [{ type: 'text', text: '<message index="0" role="user">\nHi\n</message>' }] }],
};

const answer = (input: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5-5',
  content: [
    { type: 'thinking', thinking: 'Let me see.' },
    { type: 'tool_use', id: 'toolu_1', name: 'record_judgment', input },
  ],
  stop_reason: 'tool_use',
  usage: { input_tokens: 668, output_tokens: 73, cache_creation_input_tokens: 1502, cache_read_input_tokens: 0 },
  ...extra,
});

describe('promptView: the request as the judge sent it', () => {
  test('system blocks with the cache breakpoint, the tool, the rendered transcript', () => {
    expect(promptView(request)).toEqual({
      model: 'claude-sonnet-5-5',
      maxTokens: 8192,
      toolChoice: 'auto',
      system: [{ text: 'You are an expert evaluator.\n<rubric trait="pushback">…</rubric>', cached: true }],
      tools: [{ name: 'record_judgment', description: 'Record the judgment.', schema: { type: 'object' } }],
      messages: [{ role: 'user', blocks: [{ text: '<message index="0" role="user">\nHi\n</message>', cached: false }] }],
    });
  });
  test('string system and content, a forced tool', () => {
    const view = promptView({ ...request, system: 'plain', tool_choice: { type: 'tool', name: 'record_judgment' }, messages: [{ role: 'user', content: 'text' }] });
    expect(view.system).toEqual([{ text: 'plain', cached: false }]);
    expect(view.toolChoice).toBe('tool record_judgment');
    expect(view.messages).toEqual([{ role: 'user', blocks: [{ text: 'text', cached: false }] }]);
  });
  test('garbage in, an empty view out', () => {
    expect(promptView(null)).toEqual({ model: '', maxTokens: null, toolChoice: 'none', system: [], tools: [], messages: [] });
  });
});

describe('answersOf and parsedJudgment: the raw response', () => {
  const judgment = { reasoning: 'Holds firm.', evidence: [{ message_index: 3, quote: 'That is a myth' }], score: 4, not_applicable_reason: null };

  test('each answer with its blocks and usage', () => {
    expect(answersOf([answer(judgment)])).toEqual([
      {
        id: 'msg_1',
        model: 'claude-sonnet-5-5',
        stopReason: 'tool_use',
        blocks: [
          { kind: 'thinking', text: 'Let me see.' },
          { kind: 'tool_use', name: 'record_judgment', input: judgment },
        ],
        usage: { input: 668, output: 73, cacheWrite: 1502, cacheRead: 0 },
      },
    ]);
    expect(answersOf(answer(judgment))).toHaveLength(1);
    expect(answersOf(null)).toEqual([]);
  });

  test('the judgment is the last tool call: after a repair turn, the repaired one', () => {
    const first = answer({ reasoning: 'x', evidence: [], score: 9 });
    const repaired = answer(judgment, { id: 'msg_2' });
    expect(parsedJudgment([first, repaired])).toEqual({ tool: 'record_judgment', reasoning: 'Holds firm.', evidence: [{ message_index: 3, quote: 'That is a myth' }], score: 4 });
  });

  test('N/A, pairwise and per-turn judgments', () => {
    expect(parsedJudgment([answer({ reasoning: 'r', evidence: [], score: null, not_applicable_reason: 'nothing to push back on' })])).toMatchObject({ score: null, notApplicableReason: 'nothing to push back on' });
    expect(parsedJudgment([answer({ reasoning: 'r', evidence: [{ transcript: 2, message_index: 1, quote: 'q' }], winner: 2 })])).toMatchObject({ winner: '2', evidence: [{ transcript: 2, message_index: 1, quote: 'q' }] });
    expect(parsedJudgment([answer({ reasoning: 'r', turns: [{ message_index: 1, evidence: [{ quote: 'a' }], score: 3, not_applicable_reason: null }] })])?.turns).toEqual([
      { message_index: 1, score: 3, quotes: ['a'], notApplicableReason: '' },
    ]);
  });

  test('an answer without a tool call has no judgment', () => {
    expect(parsedJudgment([{ content: [{ type: 'text', text: 'I think 4.' }] }])).toBeNull();
    expect(parsedJudgment('nonsense')).toBeNull();
  });
});
