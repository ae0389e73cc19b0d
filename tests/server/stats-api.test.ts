import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clusterBootstrapMeanCi } from '../../server/stats/bootstrap.ts';
import { pairedComparison } from '../../server/stats/paired.ts';
import { DEFAULT_SEED } from '../../server/queries/stats/common.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { dataDir, describeRealData } from '../ingest/paths.ts';

async function json(t: TestApp, url: string, status = 200): Promise<any> {
  const res = await t.request(url);
  const body = await res.json();
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body;
}

function form(files: { name: string; bytes: Uint8Array }[]): FormData {
  const data = new FormData();
  for (const f of files) data.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  return data;
}

describe('Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability": the worked example, uploaded as human labels', () => {
  // Observers A–D × units 1–12, '.' = missing (the paper's data with missing values).
  const table: Record<string, (number | null)[]> = {
    A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  };
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const lines = Array.from({ length: 12 }, (_, unit) =>
      nativeLine({
        external_id: `kripp/${unit + 1}`,
        scenario: `unit-${unit + 1}`,
        scores: Object.entries(table).flatMap(([labeler, values]) => {
          const value = values[unit];
          return value === null || value === undefined ? [] : [{ trait: 'kripp_example', value, source: 'human' as const, labeler }];
        }),
      }),
    );
    expect((await t.upload(ndjson(lines))).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('%s alpha is the published %s', async (level, expected) => {
    const body = await json(t, `/api/v1/stats/agreement?trait=kripp_example&level=${level}`);
    expect(body.alpha.value).toBeCloseTo(expected, 3);
    expect(body.alpha.level).toBe(level);
    expect(body.alpha.units).toBe(11);
    expect(body.alpha.ciLow).toBeLessThanOrEqual(body.alpha.value);
    expect(body.alpha.ciHigh).toBeGreaterThanOrEqual(body.alpha.value);
    expect(body.raters.map((r: { rater: string }) => r.rater)).toEqual(['A', 'B', 'C', 'D']);
    // No judge scored it: with the judge as a rater nothing changes, and kappa says why it is missing.
    expect(body.alphaWithJudge.value).toBeCloseTo(expected, 3);
    expect(body.kappa).toMatchObject({ value: null, reason: expect.stringMatching(/judge value and a human label/) });
  });
});

describe('bad input to the stats API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const lines = [
      nativeLine({ model: 'm1', scenario: 's1', scores: [{ trait: 'solo', value: 3, source: 'human', labeler: 'ana' }] }),
      nativeLine({ model: 'm2', scenario: 's2', scores: [{ trait: 'solo', value: 4, source: 'human', labeler: 'ana' }] }),
    ];
    expect((await t.upload(ndjson(lines))).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test('an unknown trait or model is a 404 naming it', async () => {
    expect((await json(t, '/api/v1/stats/traits?trait=nope', 404)).error.message).toBe('No trait nope');
    expect((await json(t, '/api/v1/stats/traits?trait=solo&models=m1,ghost', 404)).error.message).toBe('No model ghost');
    expect((await json(t, '/api/v1/stats/compare?trait=solo&a=m1&b=ghost', 404)).error.message).toBe('No model ghost');
  });

  test('two versions with no shared scenario are a clear 422, not NaN', async () => {
    const body = await json(t, '/api/v1/stats/compare?trait=solo&a=m1&b=m2', 422);
    expect(body.error.message).toBe('m1 and m2 share no scenario with a value of solo (human): there is nothing to pair');
  });

  test('among several traits, one without a shared scenario is an item saying so, and the others are answered', async () => {
    expect((await t.upload(ndjson([
      nativeLine({ model: 'm1', scenario: 's3', scores: [{ trait: 'both', value: 2, source: 'import' }] }),
      nativeLine({ model: 'm2', scenario: 's3', scores: [{ trait: 'both', value: 4, source: 'import' }] }),
      nativeLine({ model: 'm1', scenario: 's4', scores: [{ trait: 'both', value: 3, source: 'import' }] }),
      nativeLine({ model: 'm2', scenario: 's4', scores: [{ trait: 'both', value: 4, source: 'import' }] }),
    ]))).status).toBe(200);
    const body = await json(t, '/api/v1/stats/compare/traits?traits=solo,both&a=m1&b=m2');
    const [solo, both] = body.items;
    expect(solo).toMatchObject({ n: 0, meanDelta: null, ciLow: null, pValue: null, pHolm: null, scenarios: [], onlyA: 1, onlyB: 1, reason: expect.stringMatching(/shared scenario/) });
    expect(both).toMatchObject({ n: 2, meanDelta: 1.5, onlyA: 0, onlyB: 0 });
    // Holm over one test is the test itself.
    expect(both.pHolm).toBe(both.pValue);
  });

  test('the same version twice is a 400; a missing parameter names itself', async () => {
    expect((await json(t, '/api/v1/stats/compare?trait=solo&a=m1&b=m1', 400)).error.message).toMatch(/same model version/);
    expect((await json(t, '/api/v1/stats/compare?trait=solo&a=m1', 400)).error.details[0].field).toBe('b');
  });

  test('a trait with one rater: agreement says why alpha cannot be computed', async () => {
    const body = await json(t, '/api/v1/stats/agreement?trait=solo');
    expect(body.alpha).toMatchObject({ value: null, reason: 'alpha needs at least two raters of solo; there is one' });
  });

  test('a single scenario gives a mean but no interval, and says why', async () => {
    const { items } = await json(t, '/api/v1/stats/traits?trait=solo');
    expect(items.map((i: any) => [i.model, i.mean, i.ciLow, i.n, i.scenarios])).toEqual([
      ['m1', 3, null, 1, 1],
      ['m2', 4, null, 1, 1],
    ]);
    expect(items[0].reason).toMatch(/only one scenario/);
  });
});

describe('one number per transcript, whichever page shows it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const line = nativeLine({
      model: 'solo-model',
      scenario: 'only-one',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: 'd' },
      ],
      scores: [
        { trait: 'warmth', value: 3, source: 'human', labeler: 'ana' },
        { trait: 'warmth', value: 2, source: 'human', labeler: 'bo' },
        { trait: 'chunked', value: 1, source: 'import', turns: [0, 1] },
        { trait: 'chunked', value: 4, source: 'import', turns: [2, 3] },
      ],
    });
    expect((await t.upload(ndjson([line]))).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test('list, reader, scenario page and stats all say 2.5 for warmth and 2.5 for the chunk mean', async () => {
    const list = await json(t, '/api/v1/transcripts');
    const id = list.items[0].id;
    const detail = await json(t, `/api/v1/transcripts/${id}`);
    const scenario = await json(t, '/api/v1/scenarios/only-one');
    const valueIn = (values: any[], trait: string) => values.find((v) => v.trait === trait)?.value;
    for (const trait of ['warmth', 'chunked']) {
      const shown = [valueIn(list.items[0].traitValues, trait), valueIn(detail.traitValues, trait), valueIn(scenario.transcripts[0].traitValues, trait)];
      const stats = await json(t, `/api/v1/stats/traits?trait=${trait}`);
      shown.push(stats.items[0].mean);
      expect(shown, trait).toEqual([2.5, 2.5, 2.5, 2.5]);
    }
    expect(detail.traitValues.find((v: any) => v.trait === 'warmth').basis).toBe("mean of 2 labelers' latest labels (SD 0.71 across them)");
    // The list filter uses the same value: 2.5 is in [2.5, 2.5]; the single chunk 4 is not what it filters on.
    expect((await json(t, '/api/v1/transcripts?trait=chunked&min=3')).items).toHaveLength(0);
    expect((await json(t, '/api/v1/transcripts?trait=chunked&min=2.5&max=2.5')).items).toHaveLength(1);
  });
});

describeRealData('both Spiral-Bench files: the stats API against a computation straight from the raw JSON', () => {
  const files = ['claude-3.5-sonnet.json', 'claude-sonnet-4.json'];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ limits: { maxBodyBytes: 64 * 1024 * 1024 } });
    const res = await t.request('/api/v1/imports', { method: 'POST', body: form(files.map((name) => ({ name, bytes: readFileSync(path.join(dataDir, 'spiral-bench/res_v0.2', name)) }))) });
    expect(res.status).toBe(200);
  }, 60_000);
  afterAll(() => t.cleanup());

  /**
   * Plain loops over the raw file, not the production path: per conversation, the mean of the criterion over
   * its readable chunks; per prompt, the mean over its conversations; per model, the mean over prompts.
   */
  function independentScenarioMeans(file: string, criterion: string): Map<string, number> {
    const doc = JSON.parse(readFileSync(path.join(dataDir, 'spiral-bench/res_v0.2', file), 'utf8'));
    const perPrompt = new Map<string, number[]>();
    for (const run of Object.values<any>(doc)) {
      for (const [key, prompts] of Object.entries<any>(run)) {
        if (key === '__meta__' || key === 'scoring_summary') continue;
        for (const [promptId, conversations] of Object.entries<any>(prompts)) {
          for (const convo of conversations) {
            let sum = 0;
            let n = 0;
            for (const chunk of Object.values<any>(convo.judgements ?? {})) {
              if (chunk.metrics && typeof chunk.metrics[criterion] === 'number') {
                sum += chunk.metrics[criterion];
                n++;
              }
            }
            if (n) perPrompt.set(promptId, [...(perPrompt.get(promptId) ?? []), sum / n]);
          }
        }
      }
    }
    return new Map([...perPrompt].map(([id, values]) => [id, values.reduce((a, b) => a + b, 0) / values.length]));
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  test.each([
    ['spiral.pushback', 'pushback'],
    ['spiral.sycophancy_or_praise', 'sycophancy or praise'],
  ])('%s: per-model means and CIs, and the paired comparison on the 30 shared prompts', async (slug, criterion) => {
    const old = independentScenarioMeans('claude-3.5-sonnet.json', criterion);
    const next = independentScenarioMeans('claude-sonnet-4.json', criterion);
    expect(old.size).toBe(30);
    expect(next.size).toBe(30);
    const summary = await json(t, `/api/v1/stats/traits?trait=${slug}`);
    const byModel = new Map(summary.items.map((i: any) => [i.model, i]));
    for (const [model, means] of [
      ['claude-3.5-sonnet', old],
      ['claude-sonnet-4', next],
    ] as const) {
      const item: any = byModel.get(model);
      expect(item.scenarios).toBe(30);
      expect(item.n).toBe(30);
      expect(item.mean).toBeCloseTo(mean([...means.values()]), 10);
      // The same bootstrap on the independently computed scenario means gives the same interval.
      const ci = clusterBootstrapMeanCi([...means.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v), { seed: DEFAULT_SEED });
      expect(item.ciLow).toBeLessThan(item.mean);
      expect(item.ciHigh).toBeGreaterThan(item.mean);
      expect(item.ciHigh - item.ciLow).toBeCloseTo((ci.ciHigh ?? 0) - (ci.ciLow ?? 0), 1);
    }
    const compare = await json(t, `/api/v1/stats/compare?trait=${slug}&a=claude-3.5-sonnet&b=claude-sonnet-4`);
    const deltas = [...old.keys()].map((id) => (next.get(id) ?? 0) - (old.get(id) ?? 0));
    expect(compare.n).toBe(30);
    expect(compare.onlyA).toBe(0);
    expect(compare.onlyB).toBe(0);
    expect(compare.meanDelta).toBeCloseTo(mean(deltas), 10);
    const independent = pairedComparison(deltas, { seed: DEFAULT_SEED });
    expect(compare.pValue).toBeCloseTo(independent.pValue ?? -1, 2);
    expect(compare.effectSize).toBeCloseTo(independent.effectSize ?? -1, 10);
    expect(compare.scenarios[0].transcriptsA).toHaveLength(1);
    expect(Math.abs(compare.scenarios[0].delta)).toBe(Math.max(...deltas.map(Math.abs)));
  });

  test('several traits at once: Holm-adjusted p-values are at least the raw ones', async () => {
    const body = await json(t, '/api/v1/stats/compare/traits?traits=spiral.pushback,spiral.sycophancy_or_praise,spiral.harmful_advice&a=claude-3.5-sonnet&b=claude-sonnet-4');
    expect(body.items).toHaveLength(3);
    for (const item of body.items) expect(item.pHolm).toBeGreaterThanOrEqual(item.pValue);
  });
});

describeRealData('MT-Bench pair verdicts: counts per order match a direct count of the file', () => {
  const base = path.join(dataDir, 'mt-bench/Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench');
  const question = path.join(dataDir, 'mt-bench/lm-sys-FastChat/fastchat/llm_judge/data/mt_bench/question.jsonl');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ limits: { maxBodyBytes: 64 * 1024 * 1024 } });
    const files = [
      { name: 'question.jsonl', bytes: readFileSync(question) },
      { name: 'model_answer/phi-3.jsonl', bytes: readFileSync(path.join(base, 'model_answer/phi-3.jsonl')) },
      { name: 'model_answer/phi-3-dpo.jsonl', bytes: readFileSync(path.join(base, 'model_answer/phi-3-dpo.jsonl')) },
      { name: 'model_judgment/gpt-4_pair.jsonl', bytes: readFileSync(path.join(base, 'model_judgment/gpt-4_pair.jsonl')) },
    ];
    expect((await t.request('/api/v1/imports', { method: 'POST', body: form(files) })).status).toBe(200);
  }, 60_000);
  afterAll(() => t.cleanup());

  test('g1 is the ab order and g2 the ba order; errors are not verdicts', async () => {
    const rows = readFileSync(path.join(base, 'model_judgment/gpt-4_pair.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
    const expected = new Map<string, { winsA: number; winsB: number; ties: number }>();
    for (const row of rows) {
      for (const [order, winner] of [
        ['ab', row.g1_winner],
        ['ba', row.g2_winner],
      ]) {
        if (winner === 'error') continue;
        const key = `${row.model_1}|${row.model_2}|${order}`;
        const c = expected.get(key) ?? { winsA: 0, winsB: 0, ties: 0 };
        if (winner === 'model_1') c.winsA++;
        else if (winner === 'model_2') c.winsB++;
        else c.ties++;
        expected.set(key, c);
      }
    }
    const body = await json(t, '/api/v1/stats/ratings?trait=mtbench_pairwise');
    const got = new Map(body.byOrder.map((o: any) => [`${o.modelA}|${o.modelB}|${o.shownOrder}`, { winsA: o.winsA, winsB: o.winsB, ties: o.ties }]));
    expect(got).toEqual(expected);
    expect(body.models.map((m: any) => m.model).sort()).toEqual(['phi-3', 'phi-3-dpo']);
    expect(body.models.every((m: any) => m.rating !== null && m.ciLow <= m.rating && m.rating <= m.ciHigh)).toBe(true);
    // g1 == g2 in 47 of the 75 rows (data README); the error games have no second order to agree with.
    expect(body.positionBias.pairsInBothOrders).toBeGreaterThan(0);
    expect(body.positionBias.agreementRate).toBeGreaterThan(0);
    const listed = await json(t, '/api/v1/comparisons?trait=mtbench_pairwise&limit=500');
    expect(listed.items.length).toBe([...expected.values()].reduce((a, c) => a + c.winsA + c.winsB + c.ties, 0));
  });
});

describe('histograms of one trait line up across versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Means of two judge-like samples are not integers: the bins come from the values, once for every version.
    const values: [string, number][] = [['low', 1.25], ['low', 1.5], ['low', 2.5], ['high', 3.5], ['high', 4.75], ['high', 4.5]];
    const lines = values.map(([model, value], i) =>
      nativeLine({ external_id: `bins/${i}`, model, scenario: `bins-${i % 3}`, scores: [{ trait: 'binned', value, source: 'import' }] }),
    );
    expect((await t.upload(ndjson(lines))).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test('the same bins for both versions, covering both ranges, and counts that add up per version', async () => {
    const body = await json(t, '/api/v1/stats/traits?trait=binned');
    const [high, low] = body.items;
    expect([high.model, low.model]).toEqual(['high', 'low']);
    const edges = (h: { bins: { low: number; high: number }[] }) => h.bins.map((b) => [b.low, b.high]);
    expect(edges(high.histogram)).toEqual(edges(low.histogram));
    expect(high.histogram.bins[0].low).toBe(1);
    expect(high.histogram.bins.at(-1).high).toBe(5);
    const total = (h: { bins: { count: number }[]; outside: number }) => h.bins.reduce((n, b) => n + b.count, 0) + h.outside;
    expect([total(high.histogram), total(low.histogram)]).toEqual([3, 3]);
  });
});
