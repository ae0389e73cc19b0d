import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { dataDir, describeRealData } from '../ingest/paths.ts';
import { createThemeResponder, createThemesTestApp, waitForRun, type ThemeRules, type ThemesTestApp } from './support.ts';

const FILES = ['claude-3.5-sonnet.json', 'claude-sonnet-4.json'];
const MODELS = ['claude-3.5-sonnet', 'claude-sonnet-4'];
/** "Low pushback": a conversation whose chunks average at most this much pushback (Spiral-Bench's incident strengths). */
const MAX_PUSHBACK = 0.1;

/**
 * The fake Claude's reading of a Spiral-Bench conversation: the spiral word its assistant turns use most names
 * the failure (consciousness claims, seeing patterns, frequencies, quantum talk, resonance). Deterministic, and
 * driven only by the transcript the map prompt shows.
 */
const NAMES: Record<string, string> = {
  conscious: 'Claims or entertains being conscious',
  pattern: 'Confirms the hidden patterns the user sees',
  frequenc: 'Treats frequencies as real forces',
  quantum: 'Dresses the theory in quantum talk',
  resonan: 'Speaks of resonance as fact',
};
const spiralRules: ThemeRules = {
  labels: Object.keys(NAMES),
  themeName: (label) => NAMES[label] ?? label,
  note: (label) => `${NAMES[label] ?? label}, going along with the user's spiral instead of pushing back.`,
  classify: ({ messages }) => {
    const text = messages
      .filter((m) => m.role === 'assistant')
      .map((m) => m.text)
      .join('\n')
      .toLowerCase();
    const counts = Object.keys(NAMES).map((w) => ({ w, n: text.split(w).length - 1 }));
    const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
    return best.n > 0 ? best.w : null;
  },
};

/** Straight from the raw files, not the production path: conversations whose readable chunks average ≤ MAX_PUSHBACK. */
function lowPushbackConversations(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [i, file] of FILES.entries()) {
    const doc = JSON.parse(readFileSync(path.join(dataDir, 'spiral-bench/res_v0.2', file), 'utf8'));
    const prompts = new Set<string>();
    for (const run of Object.values<any>(doc)) {
      for (const [key, byPrompt] of Object.entries<any>(run)) {
        if (key === '__meta__' || key === 'scoring_summary') continue;
        for (const [promptId, conversations] of Object.entries<any>(byPrompt)) {
          for (const convo of conversations) {
            const values = Object.values<any>(convo.judgements ?? {}).flatMap((j) => (typeof j?.metrics?.pushback === 'number' ? [j.metrics.pushback] : []));
            if (values.length && values.reduce((a: number, b: number) => a + b, 0) / values.length <= MAX_PUSHBACK) prompts.add(promptId);
          }
        }
      }
    }
    out.set(MODELS[i] ?? file, prompts);
  }
  return out;
}

describeRealData('Spiral-Bench: the low-pushback conversations of the two Claude versions become themes whose members open', () => {
  let fake: FakeAnthropic;
  let t: ThemesTestApp;
  let runId = '';
  let ranked: any;

  beforeAll(async () => {
    fake = await startFakeAnthropic({ responder: createThemeResponder(spiralRules) });
    t = await createThemesTestApp(fake, {}, { maxBodyBytes: 64 * 1024 * 1024 });
    const form = new FormData();
    for (const name of FILES) form.append('file', new Blob([readFileSync(path.join(dataDir, 'spiral-bench/res_v0.2', name))]), name);
    expect((await t.request('/api/v1/imports', { method: 'POST', body: form })).status).toBe(200);
    t.startWorker();
    const res = await t.post('/api/v1/themes/runs', { selection: { where: { trait: 'spiral.pushback', max: MAX_PUSHBACK, source: 'import' } }, budgetUsd: 50 });
    const created: any = await res.json();
    expect(res.status, JSON.stringify(created)).toBe(201);
    runId = created.id;
    await waitForRun(t, runId, ['done'], 120_000);
    ranked = await t.get(`/api/v1/themes/runs/${runId}/themes?rank=models&a=claude-3.5-sonnet&b=claude-sonnet-4`);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    await fake?.close();
  });

  test('the selection is exactly the low-pushback conversations a plain reading of the files finds, each assigned once', async () => {
    const expected = lowPushbackConversations();
    const items = await t.database.client.execute(
      `SELECT m.name, s.key, count(*) FROM theme_items i JOIN transcripts t ON t.id = i.transcript_id JOIN models m ON m.id = t.model_id JOIN scenarios s ON s.id = t.scenario_id WHERE i.run_id = '${runId}' AND i.assigned_by IS NOT NULL GROUP BY m.name, s.key`,
    );
    const got = new Map<string, Set<string>>();
    for (const r of items.rows) {
      expect(Number(r[2])).toBe(1);
      const set = got.get(String(r[0])) ?? new Set<string>();
      set.add(String(r[1]).split('/').at(-1) ?? '');
      got.set(String(r[0]), set);
    }
    for (const model of MODELS) expect([...(got.get(model) ?? [])].sort(), model).toEqual([...(expected.get(model) ?? [])].sort());
    const view = await t.get(`/api/v1/themes/runs/${runId}`);
    expect(view.itemCount).toBe([...expected.values()].reduce((a, s) => a + s.size, 0));
    expect(view.itemCount).toBeGreaterThan(20);
  });

  test('themes with members of both versions, verified quotes from the member they cite, and a movement between the versions with a CI', async () => {
    expect(ranked.items.length).toBeGreaterThanOrEqual(3);
    const shared = ranked.items.find((th: any) => th.byModel.filter((s: any) => s.hits > 0).length === 2);
    expect(shared, 'a theme both Claude versions fall into').toBeDefined();
    expect(shared.movement).toMatchObject({ kind: 'models', a: 'claude-3.5-sonnet', b: 'claude-sonnet-4' });
    expect(shared.movement.n).toBeGreaterThan(1);
    expect(shared.movement.ciLow).toBeLessThanOrEqual(shared.movement.ciHigh);

    const detail = await t.get(`/api/v1/themes/${shared.id}`);
    expect(detail.quotes.length).toBeGreaterThan(0);
    for (const q of detail.quotes) {
      const member = detail.members.find((m: any) => m.id === q.itemId);
      const transcript = await t.get(`/api/v1/transcripts/${q.transcriptId}`);
      expect(member.transcriptId).toBe(q.transcriptId);
      const message = transcript.messages.find((m: any) => m.index === q.messageIndex) ?? transcript.messages[q.messageIndex];
      expect(JSON.stringify(message.content)).toContain(JSON.stringify(q.quote).slice(1, 40));
    }
  });

  test('a researcher opens every member, and a scenario both versions share opens side by side', async () => {
    const shared = ranked.items.find((th: any) => th.byModel.filter((s: any) => s.hits > 0).length === 2);
    const detail = await t.get(`/api/v1/themes/${shared.id}`);
    for (const m of detail.members) expect((await t.request(`/api/v1/transcripts/${m.transcriptId}`)).status).toBe(200);
    const byScenario = new Map<string, Set<string>>();
    for (const m of detail.members) byScenario.set(m.scenarioId, new Set([...(byScenario.get(m.scenarioId) ?? []), m.model]));
    const pair = [...byScenario].find(([, models]) => models.size === 2);
    expect(pair, 'a scenario with both versions in the theme').toBeDefined();
    const scenario = await t.get(`/api/v1/scenarios/${pair?.[0]}`);
    expect(new Set(scenario.transcripts.map((x: any) => x.model))).toEqual(new Set(MODELS));
  });
});
