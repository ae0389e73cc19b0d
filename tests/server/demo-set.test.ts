import { describe, expect, test } from 'vitest';
import { demoLines, demoNdjson, type DemoLine, type DemoMessage } from '../../server/demo/demo-set.ts';
import { DEMO_CATEGORIES, DEMO_MODELS, demoScenarios } from '../../server/demo/scenarios.ts';
import { defaultLimits } from '../../server/env.ts';
import { parseNativeLine } from '../../server/ingest/native.ts';

/** The text a reader sees in a message: its string content, or its text blocks joined. */
function visibleText(message: DemoMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((block) => (block.type === 'text' ? block.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function meanImportedScore(lines: DemoLine[], model: string, trait: string): number {
  const values = lines
    .filter((line) => line.model === model)
    .flatMap((line) => line.scores)
    .filter((score) => score.source === 'import' && score.trait === trait)
    .flatMap((score) => (typeof score.value === 'number' ? [score.value] : []));
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function userTurns(line: DemoLine): DemoMessage[] {
  return line.messages.filter((m) => m.role === 'user' && typeof m.content === 'string');
}

describe('demo data set', () => {
  const lines = demoLines();

  test('covers at least 24 scenarios, four per category, each sampled twice from all three models', () => {
    expect(demoScenarios.length).toBeGreaterThanOrEqual(24);
    for (const category of DEMO_CATEGORIES) {
      expect(demoScenarios.filter((s) => s.category === category).length).toBeGreaterThanOrEqual(4);
    }
    expect(lines.length).toBeGreaterThanOrEqual(24 * 3 * 2);
    for (const scenario of demoScenarios) {
      for (const model of DEMO_MODELS) {
        const samples = lines.filter((l) => l.scenario === scenario.key && l.model === model).map((l) => l.sample);
        expect(samples.sort()).toEqual([0, 1]);
      }
    }
  });

  test('external ids and scenario keys are unique', () => {
    expect(new Set(lines.map((l) => l.external_id)).size).toBe(lines.length);
    expect(new Set(demoScenarios.map((s) => s.key)).size).toBe(demoScenarios.length);
    expect(lines[0]?.external_id).toMatch(/^demo\/pb-\d{3}\/aurora-[\w.-]+\/[01]$/);
  });

  test('every transcript has 2–4 user turns, each answered, and tags and metadata naming its category', () => {
    for (const line of lines) {
      expect(userTurns(line).length).toBeGreaterThanOrEqual(2);
      expect(userTurns(line).length).toBeLessThanOrEqual(4);
      expect(line.messages.at(-1)?.role).toBe('assistant');
      expect(line.tags).toContain(line.metadata.category);
      expect(line.metadata.demo).toBe(true);
    }
  });

  test('the two samples of a scenario and model differ, but only a little', () => {
    for (const line of lines.filter((l) => l.sample === 0)) {
      const twin = lines.find((l) => l.scenario === line.scenario && l.model === line.model && l.sample === 1);
      expect(twin).toBeDefined();
      expect(JSON.stringify(twin?.messages)).not.toBe(JSON.stringify(line.messages));
      expect(twin?.messages.length).toBe(line.messages.length);
    }
  });

  test('every evidence quote is in the text of the assistant message it cites', () => {
    for (const line of lines) {
      for (const score of line.scores) {
        for (const evidence of score.evidence) {
          const message = line.messages[evidence.message_index];
          expect(message, `${line.external_id} cites message ${evidence.message_index}`).toBeDefined();
          if (message === undefined) continue;
          expect(message.role).toBe('assistant');
          expect(evidence.quote.length).toBeGreaterThan(0);
          expect(visibleText(message), `${line.external_id} ${score.trait}`).toContain(evidence.quote);
        }
      }
    }
  });

  test('turn ranges stay inside the transcript', () => {
    for (const line of lines) {
      for (const score of line.scores) {
        if (score.turns === undefined) continue;
        const [first, last] = score.turns;
        expect(first).toBeGreaterThanOrEqual(0);
        expect(first).toBeLessThanOrEqual(last);
        expect(last).toBeLessThan(line.messages.length);
      }
    }
  });

  test('scores are on the 1–5 scale or N/A with a reason, and human scores name their labeler', () => {
    let human = 0;
    for (const line of lines) {
      const traits = line.scores.filter((s) => s.source === 'import').map((s) => s.trait);
      expect(traits.sort()).toEqual(['pushback', 'sycophancy', 'warmth']);
      for (const score of line.scores) {
        if (score.value === null) expect(score.na_reason).toBeTruthy();
        else expect([1, 2, 3, 4, 5]).toContain(score.value);
        if (score.source === 'human') {
          human++;
          expect(score.labeler).toMatch(/^demo-labeler-\d$/);
        } else {
          expect(score.labeler).toBeUndefined();
        }
      }
    }
    const labeled = lines.filter((l) => l.scores.some((s) => s.source === 'human')).length;
    expect(labeled / lines.length).toBeGreaterThan(0.25);
    expect(labeled / lines.length).toBeLessThan(0.4);
    expect(human).toBeGreaterThan(labeled);
  });

  test('pushback follows the characters: aurora-1.1 beats aurora-1.0 by at least 1.5 points', () => {
    const pushback10 = meanImportedScore(lines, 'aurora-1.0', 'pushback');
    const pushback11 = meanImportedScore(lines, 'aurora-1.1', 'pushback');
    const pushback20 = meanImportedScore(lines, 'aurora-2.0-preview', 'pushback');
    expect(pushback11 - pushback10).toBeGreaterThanOrEqual(1.5);
    expect(pushback20).toBeGreaterThan(pushback10);
    expect(meanImportedScore(lines, 'aurora-1.0', 'sycophancy')).toBeGreaterThan(
      meanImportedScore(lines, 'aurora-1.1', 'sycophancy') + 1.5,
    );
  });

  test('where the user was right, aurora-1.1 is N/A for pushback and aurora-2.0-preview scores low', () => {
    for (const line of lines.filter((l) => l.metadata.category === 'user_is_right')) {
      const pushback = line.scores.find((s) => s.source === 'import' && s.trait === 'pushback');
      if (line.model === 'aurora-1.1') expect(pushback?.value).toBeNull();
      if (line.model === 'aurora-2.0-preview') expect(pushback?.value).toBeLessThanOrEqual(3);
    }
  });

  test('tool calls are answered by a tool_result in the next user message', () => {
    let withTools = 0;
    for (const line of lines) {
      line.messages.forEach((message, i) => {
        if (typeof message.content === 'string') return;
        for (const block of message.content) {
          if (block.type !== 'tool_use') continue;
          const next = line.messages[i + 1];
          expect(next?.role).toBe('user');
          const result = typeof next?.content === 'string' ? undefined : next?.content[0];
          expect(result?.type === 'tool_result' ? result.tool_use_id : undefined).toBe(block.id);
        }
      });
      if (line.messages.some((m) => typeof m.content !== 'string' && m.content.some((b) => b.type === 'tool_use')))
        withTools++;
    }
    expect(withTools).toBeGreaterThanOrEqual(3);
  });

  test('has thinking blocks, Markdown, a code block, emoji, right-to-left and accented text', () => {
    const all = demoNdjson();
    expect(all).toContain('"type":"thinking"');
    expect(all).toContain('**');
    expect(all).toContain('```');
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(all).toMatch(/[\u0590-\u08FF]/);
    expect(all).toMatch(/[à-ÿ]/);
    expect(all).not.toMatch(/\{\{|\[\[[psw]:/);
  });

  test('every line is a valid native NDJSON line', () => {
    for (const line of lines) {
      const input = parseNativeLine(JSON.parse(JSON.stringify(line)), defaultLimits);
      expect(input.externalId).toBe(line.external_id);
      expect(input.scores.length).toBe(line.scores.length);
    }
  });

  test('is deterministic and serialises as one JSON object per line with a trailing newline', () => {
    const ndjson = demoNdjson();
    expect(ndjson).toBe(demoNdjson());
    expect(ndjson.endsWith('\n')).toBe(true);
    const parsed: unknown[] = ndjson
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(parsed).toEqual(demoLines());
  });
});
