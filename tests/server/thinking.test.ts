import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterBootstrapMeanCi } from '../../server/stats/bootstrap.ts';
import { DEFAULT_SEED } from '../../server/queries/stats/common.ts';
import { ensureThinkingMeasured } from '../../server/thinking/backfill.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

/**
 * Thinking per model version, checked against a direct count over the fixture files: every expectation below
 * is computed here with plain loops from the raw JSON, not with the server's code.
 */
const fixtureDir = path.join(import.meta.dirname, '../fixtures/thinking');
const nativeText = readFileSync(path.join(fixtureDir, 'thinking.ndjson'), 'utf8');
const openAiText = readFileSync(path.join(fixtureDir, 'openai-reasoning.jsonl'), 'utf8');

type Block = { type: string; thinking?: string; [k: string]: unknown };
type RawMessage = { role: string; content: string | Block[]; thinking_tokens?: number };
type RawLine = { external_id: string; model: string; scenario: string; scenario_category?: string; messages: RawMessage[]; scores: { trait: string; value: number }[] };
const lines: RawLine[] = nativeText
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** The thinking of one message, counted by hand. */
function count(messages: RawMessage[], i: number) {
  const m = messages[i]!;
  const out = { blocks: 0, chars: 0, redacted: 0, interleaved: 0 };
  if (m.role !== 'assistant' || typeof m.content === 'string') return out;
  const before = messages[i - 1];
  let afterTool = false;
  if (before && (before.role === 'tool' || (typeof before.content !== 'string' && before.content.some((b) => b.type === 'tool_result')))) afterTool = true;
  for (const b of m.content) {
    if (b.type === 'tool_use') afterTool = true;
    if (b.type === 'thinking') {
      out.blocks += 1;
      out.chars += [...(b.thinking ?? '')].length;
      if (afterTool) out.interleaved += 1;
    }
    if (b.type === 'redacted_thinking') {
      out.redacted += 1;
      if (afterTool) out.interleaved += 1;
    }
  }
  return out;
}

function meanOf(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Scenario → mean of its transcripts' values; then the mean over scenarios: the unit rule, by hand. Scenarios
 * in the order of their ids, as the server sends them to the bootstrap (which draws by position).
 */
function overScenarios(perTranscript: { scenario: string; value: number }[]): { mean: number; perScenario: number[] } {
  const byScenario = new Map<string, number[]>();
  for (const t of perTranscript) byScenario.set(t.scenario, [...(byScenario.get(t.scenario) ?? []), t.value]);
  const id = (key: string) => scenarioIds.get(key) ?? key;
  const keys = [...byScenario.keys()].sort((x, y) => (id(x) < id(y) ? -1 : 1));
  const perScenario = keys.map((k) => meanOf(byScenario.get(k)!));
  return { mean: meanOf(perScenario), perScenario };
}

/** Hyndman & Fan type 6 on a sorted list, by hand. */
function quantile6(sorted: number[], p: number): number {
  const pos = (sorted.length + 1) * p;
  if (pos <= 1) return sorted[0]!;
  if (pos >= sorted.length) return sorted[sorted.length - 1]!;
  const lo = Math.floor(pos);
  return sorted[lo - 1]! + (pos - lo) * (sorted[lo]! - sorted[lo - 1]!);
}

async function json(t: TestApp, url: string, status = 200): Promise<any> {
  const res = await t.request(url);
  const body = await res.json();
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body;
}

let t: TestApp;
let scenarioIds: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.upload(nativeText);
  expect(res.status).toBe(200);
  const form = new FormData();
  form.append('file', new Blob([openAiText]), 'openai-reasoning.jsonl');
  form.append('format', 'openai');
  const imported = await t.request('/api/v1/imports', { method: 'POST', body: form });
  expect(imported.status, await imported.clone().text()).toBe(200);
  const scenarios = await json(t, '/api/v1/scenarios?limit=500');
  scenarioIds = new Map(scenarios.items.map((s: any) => [s.key, s.id]));
});
afterAll(() => t.cleanup());

describe('thinking per assistant message, stored at ingest', () => {
  test('every message of every fixture transcript measures as counted by hand', async () => {
    const list = await json(t, '/api/v1/transcripts?limit=500&model=sage-1');
    const list2 = await json(t, '/api/v1/transcripts?limit=500&model=sage-2');
    const byExternal = new Map([...list.items, ...list2.items].map((i: any) => [i.externalId, i.id]));
    let checked = 0;
    for (const line of lines) {
      const detail = await json(t, `/api/v1/transcripts/${byExternal.get(line.external_id)}`);
      line.messages.forEach((m, i) => {
        const expected = count(line.messages, i);
        const tokens = m.role === 'assistant' && m.thinking_tokens !== undefined ? m.thinking_tokens : null;
        expect(detail.messages[i].thinking, `${line.external_id} message ${i}`).toEqual({ ...expected, tokens });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  test('OpenAI reasoning_content and reasoning become a leading thinking block', async () => {
    const list = await json(t, '/api/v1/transcripts?model=sage-3');
    expect(list.items).toHaveLength(3);
    const byId = new Map(list.items.map((i: any) => [i.externalId, i.id]));
    const first = await json(t, `/api/v1/transcripts/${byId.get('fp-0')}`);
    expect(first.messages[1].content).toEqual([
      { type: 'thinking', thinking: 'Binary fractions cannot represent 0.1 exactly.' },
      { type: 'text', text: 'No: it is 0.30000000000000004.' },
    ]);
    expect(first.messages[1].thinking).toMatchObject({ blocks: 1, chars: 'Binary fractions cannot represent 0.1 exactly.'.length });
    expect(first.messages[3].thinking.blocks).toBe(0);
    const third = await json(t, `/api/v1/transcripts/${byId.get('fp-2')}`);
    expect(third.messages[3].content[0]).toEqual({ type: 'thinking', thinking: 'Explain base-2 expansions.' });
    const plain = await json(t, `/api/v1/transcripts/${byId.get('fp-1')}`);
    expect(plain.messages[1].content).toBe('No: it is 0.30000000000000004.');
  });

  test('rows stored before thinking was measured are measured on start, to the same values', async () => {
    const before = (await t.database.client.execute('SELECT id, thinking_blocks, thinking_chars, redacted_thinking_blocks, interleaved_thinking_blocks FROM messages ORDER BY id')).rows.map((r) => ({ ...r }));
    await t.database.client.execute('UPDATE messages SET thinking_blocks = NULL, thinking_chars = 0, redacted_thinking_blocks = 0, interleaved_thinking_blocks = 0');
    const { measured } = await ensureThinkingMeasured(t.database);
    expect(measured).toBe(before.length);
    const after = (await t.database.client.execute('SELECT id, thinking_blocks, thinking_chars, redacted_thinking_blocks, interleaved_thinking_blocks FROM messages ORDER BY id')).rows.map((r) => ({ ...r }));
    expect(after).toEqual(before);
    expect((await ensureThinkingMeasured(t.database)).measured).toBe(0);
  });

  test('the list filters by thinking: any, none, and a minimum length', async () => {
    const thought = (l: RawLine) => l.messages.some((_, i) => count(l.messages, i).blocks + count(l.messages, i).redacted > 0);
    const longest = (l: RawLine) => Math.max(...l.messages.map((_, i) => count(l.messages, i).chars));
    for (const model of ['sage-1', 'sage-2']) {
      const mine = lines.filter((l) => l.model === model);
      const any = await json(t, `/api/v1/transcripts?limit=500&model=${model}&thinking=any`);
      const none = await json(t, `/api/v1/transcripts?limit=500&model=${model}&thinking=none`);
      const long = await json(t, `/api/v1/transcripts?limit=500&model=${model}&thinkingMin=100`);
      expect(any.items.length).toBe(mine.filter(thought).length);
      expect(none.items.length).toBe(mine.filter((l) => !thought(l)).length);
      expect(long.items.length).toBe(mine.filter((l) => longest(l) >= 100).length);
      expect(any.items.length).toBeGreaterThan(0);
      expect(none.items.length + any.items.length).toBe(mine.length);
    }
  });
});

describe('GET /api/v1/stats/thinking', () => {
  test('per model: counts, the share with its scenario-bootstrap CI, length and tokens equal a direct count', async () => {
    const body = await json(t, '/api/v1/stats/thinking?models=sage-1,sage-2');
    expect(body.items.map((i: any) => i.model)).toEqual(['sage-1', 'sage-2']);
    for (const item of body.items) {
      const mine = lines.filter((l) => l.model === item.model);
      let turns = 0;
      let thoughtTurns = 0;
      let redacted = 0;
      let interleaved = 0;
      const chars: number[] = [];
      const tokens: number[] = [];
      const perTranscript: { scenario: string; value: number }[] = [];
      for (const l of mine) {
        let mineTurns = 0;
        let mineThought = 0;
        l.messages.forEach((m, i) => {
          if (m.role !== 'assistant') return;
          const c = count(l.messages, i);
          turns++;
          mineTurns++;
          if (c.blocks + c.redacted > 0) {
            thoughtTurns++;
            mineThought++;
          }
          if (c.redacted > 0) redacted++;
          interleaved += c.interleaved;
          if (c.blocks > 0) {
            chars.push(c.chars);
            if (m.thinking_tokens !== undefined) tokens.push(m.thinking_tokens);
          }
        });
        perTranscript.push({ scenario: l.scenario, value: mineThought / mineTurns });
      }
      expect(item).toMatchObject({ transcripts: mine.length, scenarios: 6, assistantTurns: turns, thoughtTurns, redactedTurns: redacted, interleavedBlocks: interleaved });
      const rule = overScenarios(perTranscript);
      expect(item.share.mean).toBeCloseTo(rule.mean, 12);
      const ci = clusterBootstrapMeanCi(rule.perScenario, { seed: DEFAULT_SEED, resamples: 2000 });
      expect([item.share.ciLow, item.share.ciHigh]).toEqual([ci.ciLow, ci.ciHigh]);
      expect(item.share.ciLow).toBeLessThanOrEqual(item.share.mean);
      const sorted = [...chars].sort((a, b) => a - b);
      expect(item.length).toMatchObject({ turns: chars.length, max: sorted.at(-1), median: quantile6(sorted, 0.5), p25: quantile6(sorted, 0.25), p90: quantile6(sorted, 0.9) });
      expect(item.length.mean).toBeCloseTo(meanOf(chars), 9);
      expect(item.length.histogram.reduce((a: number, b: any) => a + b.count, 0)).toBe(chars.length);
      expect(item.tokens).toMatchObject({ turns: tokens.length });
      expect(item.tokens.mean).toBeCloseTo(meanOf(tokens), 9);
    }
    // The fixture exercises every kind of block, so none of these counts is vacuous.
    for (const field of ['redactedTurns', 'interleavedBlocks', 'thoughtTurns']) expect(body.items.reduce((a: number, i: any) => a + i[field], 0), field).toBeGreaterThan(0);
    // The fixture's second version thinks more often: the numbers must say so.
    expect(body.items[1].share.mean).toBeGreaterThan(body.items[0].share.mean);
  });

  test('by turn position and by scenario category, each share by the same rule', async () => {
    const body = await json(t, '/api/v1/stats/thinking?models=sage-1');
    const item = body.items[0];
    const mine = lines.filter((l) => l.model === 'sage-1');
    for (const position of [1, 2, 3, 4, 5]) {
      const perTranscript: { scenario: string; value: number }[] = [];
      let turns = 0;
      for (const l of mine) {
        let ordinal = 0;
        let here = 0;
        let thought = 0;
        l.messages.forEach((m, i) => {
          if (m.role !== 'assistant') return;
          ordinal++;
          if (Math.min(ordinal, 5) !== position) return;
          here++;
          const c = count(l.messages, i);
          if (c.blocks + c.redacted > 0) thought++;
        });
        if (here) perTranscript.push({ scenario: l.scenario, value: thought / here });
        turns += here;
      }
      const row = item.byPosition.find((p: any) => p.position === position);
      if (!perTranscript.length) {
        expect(row).toBeUndefined();
        continue;
      }
      expect(row.assistantTurns).toBe(turns);
      expect(row.share.mean).toBeCloseTo(overScenarios(perTranscript).mean, 12);
    }
    for (const category of ['medical', 'smalltalk', null]) {
      const perTranscript = mine
        .filter((l) => (l.scenario_category ?? null) === category)
        .map((l) => {
          const assistant = l.messages.map((_, i) => i).filter((i) => l.messages[i]!.role === 'assistant');
          const thought = assistant.filter((i) => count(l.messages, i).blocks + count(l.messages, i).redacted > 0);
          return { scenario: l.scenario, value: thought.length / assistant.length };
        });
      const row = item.byCategory.find((c: any) => c.category === category);
      expect(row.share.mean).toBeCloseTo(overScenarios(perTranscript).mean, 12);
      expect(row.share.scenarios).toBe(2);
    }
  });

  test('a trait split by "thought vs did not think", and paired within scenarios', async () => {
    const body = await json(t, '/api/v1/stats/thinking?models=sage-1,sage-2&trait=pushback');
    expect(body.trait).toMatchObject({ slug: 'pushback', valueSource: 'import' });
    for (const item of body.items) {
      const mine = lines.filter((l) => l.model === item.model);
      const thought = (l: RawLine) => l.messages.some((_, i) => count(l.messages, i).blocks + count(l.messages, i).redacted > 0);
      const value = (l: RawLine) => l.scores.find((s) => s.trait === 'pushback')!.value;
      const yes = mine.filter(thought).map((l) => ({ scenario: l.scenario, value: value(l) }));
      const no = mine.filter((l) => !thought(l)).map((l) => ({ scenario: l.scenario, value: value(l) }));
      if (yes.length) expect(item.trait.thought.mean).toBeCloseTo(overScenarios(yes).mean, 12);
      if (no.length) expect(item.trait.notThought.mean).toBeCloseTo(overScenarios(no).mean, 12);
      expect(item.trait.thought.transcripts + item.trait.notThought.transcripts).toBe(mine.length);
      const deltas: number[] = [];
      for (const scenario of new Set(mine.map((l) => l.scenario))) {
        const a = yes.filter((v) => v.scenario === scenario).map((v) => v.value);
        const b = no.filter((v) => v.scenario === scenario).map((v) => v.value);
        if (a.length && b.length) deltas.push(meanOf(a) - meanOf(b));
      }
      expect(item.trait.withinScenario.n).toBe(deltas.length);
      if (deltas.length) expect(item.trait.withinScenario.meanDelta).toBeCloseTo(meanOf(deltas), 12);
    }
  });

  test('without thinking_appropriateness scores the 2×2 is null; bad input is a clear 4xx', async () => {
    const body = await json(t, '/api/v1/stats/thinking?models=sage-3');
    expect(body.items[0].appropriateness).toBeNull();
    expect((await json(t, '/api/v1/stats/thinking?models=nobody', 404)).error.message).toMatch(/nobody/);
    expect((await json(t, '/api/v1/stats/thinking?trait=nope', 404)).error.message).toMatch(/nope/);
    expect((await json(t, '/api/v1/transcripts?thinking=maybe', 400)).error.message).toMatch(/any or none/);
    expect((await json(t, '/api/v1/transcripts?thinkingMin=-3', 400)).error.message).toMatch(/thinkingMin/);
    expect((await json(t, '/api/v1/transcripts?thinkingMin=1.5', 400)).error.message).toMatch(/whole number/);
    expect((await json(t, '/api/v1/stats/thinking/compare?a=sage-1&b=sage-1', 400)).error.message).toMatch(/same model/);
    expect((await json(t, '/api/v1/stats/thinking/compare?a=sage-1&b=sage-3', 422)).error.message).toMatch(/share no scenario/);
  });
});

describe('GET /api/v1/stats/thinking/compare', () => {
  test('who thought where, the paired change in the share, and the trait change split by it', async () => {
    const body = await json(t, '/api/v1/stats/thinking/compare?a=sage-1&b=sage-2&trait=pushback');
    const perScenario = (model: string) => {
      const out = new Map<string, { share: number; any: number; pushback: number }>();
      for (const scenario of new Set(lines.map((l) => l.scenario))) {
        const mine = lines.filter((l) => l.model === model && l.scenario === scenario);
        const shares = mine.map((l) => {
          const assistant = l.messages.map((_, i) => i).filter((i) => l.messages[i]!.role === 'assistant');
          return assistant.filter((i) => count(l.messages, i).blocks + count(l.messages, i).redacted > 0).length / assistant.length;
        });
        out.set(scenario, { share: meanOf(shares), any: meanOf(shares.map((s) => (s > 0 ? 1 : 0))), pushback: meanOf(mine.map((l) => l.scores[0]!.value)) });
      }
      return out;
    };
    const a = perScenario('sage-1');
    const b = perScenario('sage-2');
    const transitions = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    const deltas: Record<keyof typeof transitions, number[]> = { both: [], onlyA: [], onlyB: [], neither: [] };
    const shareDeltas: number[] = [];
    for (const [scenario, sa] of a) {
      const sb = b.get(scenario)!;
      const key = sa.any >= 0.5 && sb.any >= 0.5 ? 'both' : sa.any >= 0.5 ? 'onlyA' : sb.any >= 0.5 ? 'onlyB' : 'neither';
      transitions[key]++;
      deltas[key].push(sb.pushback - sa.pushback);
      shareDeltas.push(sb.share - sa.share);
    }
    expect(body.shared).toBe(6);
    expect(body.transitions).toEqual(transitions);
    expect(body.share.meanDelta).toBeCloseTo(meanOf(shareDeltas), 12);
    for (const key of Object.keys(transitions) as (keyof typeof transitions)[]) {
      expect(body.trait.byTransition[key].n).toBe(deltas[key].length);
      if (deltas[key].length) expect(body.trait.byTransition[key].meanDelta).toBeCloseTo(meanOf(deltas[key]), 12);
    }
    // The transcripts behind every listed scenario, ready to open side by side.
    for (const s of body.scenarios) {
      expect(s.transcriptsA).toHaveLength(2);
      expect(s.transcriptsB).toHaveLength(2);
      expect(scenarioIds.get(s.key)).toBe(s.scenarioId);
    }
  });
});

describe('bad thinking input at ingest', () => {
  test('thinking_tokens must be a whole number ≥ 0, named in the error; nothing is written', async () => {
    const before = await t.count('transcripts');
    for (const [tokens, message] of [
      [-1, /thinking_tokens must be ≥ 0/],
      [2.5, /thinking_tokens must be a whole number/],
      ['many', /thinking_tokens must be a number/],
    ] as const) {
      const line = nativeLine({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }, { type: 'text', text: 'hello' }], thinking_tokens: tokens }] });
      const res = await t.upload(ndjson([line]));
      const body: any = await res.json();
      expect(res.status).toBe(422);
      expect(JSON.stringify(body.error)).toMatch(message);
      expect(JSON.stringify(body.error)).toMatch(/messages\.1/);
    }
    expect(await t.count('transcripts')).toBe(before);
  });

  test('unicode-heavy and huge thinking: characters are code points; a 1 MB thought is measured whole', async () => {
    const emoji = '👩‍🔬🧪'.repeat(1000);
    const huge = 'ä'.repeat(1_000_000);
    const line = nativeLine({
      external_id: 'thinking/unicode',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: emoji }, { type: 'thinking', thinking: huge }, { type: 'text', text: 'ok' }] },
      ],
    });
    const res = await t.upload(ndjson([line]));
    expect(res.status).toBe(200);
    const list = await json(t, '/api/v1/transcripts?thinkingMin=1000000');
    const detail = await json(t, `/api/v1/transcripts/${list.items[0].id}`);
    expect(detail.messages[1].thinking).toEqual({ blocks: 2, chars: [...emoji].length + 1_000_000, redacted: 0, interleaved: 0, tokens: null });
  });
});
