import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { neutralizeFormula } from '../../server/exports/format.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const lines = [];
  for (let i = 0; i < 5; i++) {
    for (const model of ['exp-a', 'exp-b']) {
      lines.push(
        nativeLine({
          model,
          scenario: `s${i}`,
          scores: [
            { trait: 'warmth', value: (i % 5) + 1, source: 'human', labeler: 'ana', rationale: i === 0 ? '=HYPERLINK("http://evil")' : `fine, "quoted", ${i}\nsecond line 👩🏽‍🔬` },
            { trait: 'warmth', value: 3, source: 'human', labeler: 'bo' },
            { trait: 'chunks', value: i, source: 'import', turns: [0, 0] },
          ],
        }),
      );
    }
  }
  expect((await t.upload(ndjson(lines))).status).toBe(200);
});
afterAll(() => t.cleanup());

async function text(path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await t.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('exports', () => {
  test('CSV and JSONL of every kind hold the same rows: the CSV parsed back equals the JSON lines', async () => {
    for (const kind of ['scores', 'labels', 'comparisons', 'values', 'stats']) {
      const csv = await text(`/api/v1/exports/${kind}?format=csv`);
      const jsonl = await text(`/api/v1/exports/${kind}?format=jsonl`);
      expect(csv.status, kind).toBe(200);
      expect(csv.type).toContain('text/csv');
      expect(jsonl.type).toContain('application/x-ndjson');
      const fromCsv: Record<string, string>[] = parse(csv.body, { columns: true });
      const fromJson: Record<string, unknown>[] = jsonl.body.trim() ? jsonl.body.trim().split('\n').map((l) => JSON.parse(l)) : [];
      expect(fromCsv.length, kind).toBe(fromJson.length);
      // Same cells, CSV being text (and a formula-like text neutralised).
      const asText = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? neutralizeFormula(v) : String(v));
      expect(fromCsv).toEqual(fromJson.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asText(v)]))));
    }
  });

  test('the values export has the one number per transcript and trait, the same the list shows', async () => {
    const values: any[] = (await text('/api/v1/exports/values?format=jsonl&trait=warmth')).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(values).toHaveLength(10);
    const list: any = await (await t.request('/api/v1/transcripts?trait=warmth&limit=100')).json();
    for (const v of values) {
      const row = list.items.find((i: { id: string }) => i.id === v.transcript_id);
      expect(v.value).toBe(row.traitValues.find((x: { trait: string }) => x.trait === 'warmth').value);
      expect(v.basis).toBe(`mean of 2 labelers' latest labels (SD ${v.spread.toFixed(2)} across them)`);
    }
  });

  test('formulas are neutralised, quotes, newlines and unicode survive, filters apply, unknown names are 404', async () => {
    const csv = (await text('/api/v1/exports/labels?format=csv&model=exp-a')).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    expect(rows.every((r) => r['model'] === 'exp-a' && r['source'] === 'human')).toBe(true);
    expect(rows.some((r) => r['rationale'] === 'fine, "quoted", 1\nsecond line 👩🏽‍🔬')).toBe(true);
    expect(neutralizeFormula('-1+2')).toBe("'-1+2");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('plain')).toBe('plain');
    expect((await t.request('/api/v1/exports/values?trait=nope')).status).toBe(404);
    expect((await t.request('/api/v1/exports/everything')).status).toBe(400);
    const stats: Record<string, string>[] = parse((await text('/api/v1/exports/stats?trait=warmth')).body, { columns: true });
    expect(stats.map((s) => s['model']).sort()).toEqual(['exp-a', 'exp-b']);
  });
});
