import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parseRubric } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { APPROPRIATENESS_CATEGORIES, APPROPRIATENESS_TRAIT } from '../../server/queries/stats/thinking.ts';
import { promptMessages, startFakeAnthropic, type FakeAnthropic, type MessagesRequest } from '../helpers/fake-anthropic.ts';
import { createJudgeTestApp, waitForRun, type JudgeTestApp } from './support.ts';

const rubricText = readFileSync(path.join(defaultRubricsDir, 'thinking_appropriateness.md'), 'utf8');
const fixture = readFileSync(path.join(import.meta.dirname, '../fixtures/thinking/thinking.ndjson'), 'utf8');
const lines: { external_id: string; model: string; messages: { role: string; content: string | { type: string; thinking?: string }[] }[] }[] = fixture
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const userPrompt = (request: MessagesRequest) => {
  const content = request.messages[0]?.content;
  return typeof content === 'string' ? content : '';
};

describe('the thinking_appropriateness rubric', () => {
  test('its categories are the four the statistics read, each bound to whether the model thought', () => {
    const parsed = parseRubric('thinking_appropriateness.md', rubricText);
    if (!('rubric' in parsed)) throw new Error(JSON.stringify(parsed.problems));
    const { rubric } = parsed;
    expect(rubric).toMatchObject({ slug: APPROPRIATENESS_TRAIT, unit: 'assistant_turn', thinking: 'length' });
    if (rubric.scale.kind !== 'categorical') throw new Error('expected a categorical scale');
    expect(Object.keys(rubric.scale.categories)).toEqual([...APPROPRIATENESS_CATEGORIES]);
    expect(rubric.scale.thinking).toEqual({ 'thought-warranted': 'present', 'thought-unneeded': 'present', 'skipped-warranted': 'absent', 'skipped-fine': 'absent' });
  });

  test.each([
    ['one category', rubricText.replace(/\n {4}thought-unneeded: .*\n {4}skipped-warranted: .*\n {4}skipped-fine: .*\n/, '\n').replace(/ {2}thinking:\n( {4}.*\n)+/, ''), 'scale.categories', /at least two/],
    ['a thinking entry for no category', rubricText.replace('    skipped-fine: absent', '    skipped-fine: absent\n    thought-maybe: present'), 'scale.thinking.thought-maybe', /not a category/],
    ['a thinking value other than present/absent', rubricText.replace('skipped-fine: absent', 'skipped-fine: sometimes'), 'scale.thinking.skipped-fine', /present or absent/],
    ['a category that is not a slug', rubricText.replace('    skipped-fine: "', '    Skipped Fine: "'), 'scale.categories', /lower-case slug/],
    ['an unknown scale kind', rubricText.replace('kind: categorical', 'kind: ordinal'), 'scale', /numeric or categorical/],
  ])('refuses %s, naming the field', (_name, text, field, message) => {
    const parsed = parseRubric('thinking_appropriateness.md', text);
    if (!('problems' in parsed)) throw new Error('expected problems');
    const problem = parsed.problems.find((p) => p.field.startsWith(field));
    expect(problem, JSON.stringify(parsed.problems)).toBeDefined();
    expect(problem?.message).toMatch(message);
  });
});

describe('judging thinking_appropriateness with the fake API', () => {
  let t: JudgeTestApp;
  let fake: FakeAnthropic;
  afterEach(async () => {
    await t.cleanup();
    await fake.close();
  });

  test('the judge sees whether and how long each assistant message thought, never what; one category per assistant turn is stored', async () => {
    fake = await startFakeAnthropic();
    let contradicted = false;
    // A judge that reads the [thought: …] line; its very first answer contradicts it once, which must be repaired.
    fake.responder = (request) => {
      const turns = promptMessages(userPrompt(request))
        .filter((m) => m.role === 'assistant')
        .map((m) => {
          const thought = m.text.startsWith('[thought:');
          const category = thought ? (m.index % 4 === 1 ? 'thought-warranted' : 'thought-unneeded') : m.index % 4 === 1 ? 'skipped-warranted' : 'skipped-fine';
          return { message_index: m.index, evidence: [], score: category, not_applicable_reason: null };
        });
      if (!contradicted && turns[0]) {
        contradicted = true;
        const wrong = turns[0].score.startsWith('thought') ? 'skipped-fine' : 'thought-warranted';
        return { kind: 'tool', input: { reasoning: 'first try', turns: [{ ...turns[0], score: wrong }, ...turns.slice(1)] } };
      }
      return { kind: 'tool', input: { reasoning: 'Read the thinking lines.', turns } };
    };
    t = await createJudgeTestApp({ fake });
    const chosen = lines.filter((l) => l.model === 'sage-1').slice(0, 6);
    expect((await t.upload(chosen)).status).toBe(200);
    const created: any = await (await t.post('/api/v1/judge/runs', { traits: [APPROPRIATENESS_TRAIT], where: { model: 'sage-1' }, budgetUsd: 5 })).json();
    expect(created.id, JSON.stringify(created)).toBeDefined();
    t.startWorker();
    const run = await waitForRun(t, created.id);
    expect(run.counts).toMatchObject({ done: 6 });

    // What the judge was shown: presence and length, no thinking text.
    const prompts = fake.log.filter((e) => e.body).map((e) => userPrompt(e.body!));
    const allThinking = chosen.flatMap((l) => l.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((b) => b.type === 'thinking' && (b.thinking ?? '').length > 8).map((b) => b.thinking!))));
    expect(allThinking.length).toBeGreaterThan(0);
    for (const p of prompts) for (const secret of allThinking) expect(p).not.toContain(secret);
    expect(prompts.join('\n')).toMatch(/\[thought: \d+ thinking blocks?, [\d,]+ characters/);
    expect(prompts.join('\n')).toContain('[did not think]');
    // The contradiction went back as a repair turn naming the message.
    const repair = fake.log.find((e) => e.body && e.body.messages.length > 1);
    expect(JSON.stringify(repair?.body?.messages.at(-1))).toMatch(/did not think, but thought-warranted says it did|thought, but skipped-fine says it did not/);

    // One score per assistant turn, as a category, agreeing with the transcript.
    const rows = (await t.database.client.execute(`SELECT s.transcript_id, s.turn_start, s.value, s.category, m.thinking_blocks + m.redacted_thinking_blocks AS thought FROM scores s JOIN traits tr ON tr.id = s.trait_id JOIN messages m ON m.transcript_id = s.transcript_id AND m.idx = s.turn_start WHERE tr.slug = '${APPROPRIATENESS_TRAIT}' AND s.status = 'valid'`)).rows;
    const assistantTurns = chosen.reduce((a, l) => a + l.messages.filter((m) => m.role === 'assistant').length, 0);
    expect(rows).toHaveLength(assistantTurns);
    for (const r of rows) {
      expect(r['value']).toBeNull();
      expect(String(r['category']).startsWith('thought')).toBe(Number(r['thought']) > 0);
    }

    // The 2×2 per version equals a direct count of the stored categories.
    const stats: any = await (await t.request('/api/v1/stats/thinking?models=sage-1')).json();
    const counts = Object.fromEntries(APPROPRIATENESS_CATEGORIES.map((c) => [c, rows.filter((r) => r['category'] === c).length]));
    expect(stats.items[0].appropriateness).toMatchObject({ source: 'judge', turns: assistantTurns, na: 0, counts });
    const warranted = counts['thought-warranted']! + counts['skipped-warranted']!;
    if (warranted) expect(stats.items[0].appropriateness.thoughtWhenWarranted.mean).not.toBeNull();
  });
});
