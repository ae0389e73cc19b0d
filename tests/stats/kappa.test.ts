import { expect, test } from 'vitest';
import { cohenKappa } from '../../server/stats/kappa.ts';

function runs(...parts: [value: number, times: number][]): number[] {
  return parts.flatMap(([value, times]) => new Array<number>(times).fill(value));
}

// Reference values: scikit-learn's own test of `cohen_kappa_score` (sklearn/metrics/tests/
// test_classification.py, test_cohen_kappa), each recomputed by hand below.

test('two categories: 0.348 (scikit-learn)', () => {
  // Pairs (0,0)×20 (0,1)×20 (1,0)×10 (1,1)×50: p_o = 0.7; marginals A 0.4/0.6, B 0.3/0.7, p_e = 0.12 + 0.42 =
  // 0.54; κ = (0.7 − 0.54)/(1 − 0.54) = 0.16/0.46 = 0.347826…
  const a = runs([0, 40], [1, 60]);
  const b = runs([0, 20], [1, 20], [0, 10], [1, 50]);
  expect(cohenKappa(a, b, { weights: 'none' }).value).toBeCloseTo(0.16 / 0.46, 12);
  expect(cohenKappa(a, b, { weights: 'none' }).value).toBeCloseTo(0.348, 3);
});

test('three categories, Artstein & Poesio (2008) Table 4: 0.8013 (scikit-learn)', () => {
  // Pairs (0,0)×46 (1,0)×6 (1,1)×32 (1,2)×6 (2,2)×10: p_o = 0.88; marginals A .46/.44/.10, B .52/.32/.16,
  // p_e = .2392 + .1408 + .016 = .396; κ = (.88 − .396)/(1 − .396) = .484/.604 = 0.80132…
  const a = runs([0, 46], [1, 44], [2, 10]);
  const b = runs([0, 52], [1, 32], [2, 16]);
  expect(cohenKappa(a, b, { weights: 'none' }).value).toBeCloseTo(0.484 / 0.604, 12);
  expect(cohenKappa(a, b, { weights: 'none' }).value).toBeCloseTo(0.8013, 4);
});

test('weighting example, none / linear / quadratic: 0.9315, 0.9412, 0.9541 (scikit-learn)', () => {
  // Pairs (0,0)×46 (1,0)×4 (1,1)×40 (2,2)×10; marginals A .46/.44/.10, B .50/.40/.10. Observed
  // disagreement is the 4 (1,0) pairs: 0.04 under every weighting. Expected disagreement:
  //   none:      1 − (.23 + .176 + .01) = .584                                   → κ = 1 − .04/.584 = 0.93151
  //   linear:    .46·(.4·1 + .1·2) + .44·(.5·1 + .1·1) + .1·(.5·2 + .4·1) = .68      → κ = 1 − .04/.68 = 0.94118
  //   quadratic: .46·(.4·1 + .1·4) + .44·(.5·1 + .1·1) + .1·(.5·4 + .4·1) = .872     → κ = 1 − .04/.872 = 0.95413
  const a = runs([0, 46], [1, 44], [2, 10]);
  const b = runs([0, 50], [1, 40], [2, 10]);
  expect(cohenKappa(a, b, { weights: 'none' }).value).toBeCloseTo(1 - 0.04 / 0.584, 12);
  expect(cohenKappa(a, b, { weights: 'linear' }).value).toBeCloseTo(1 - 0.04 / 0.68, 12);
  expect(cohenKappa(a, b, { weights: 'quadratic' }).value).toBeCloseTo(1 - 0.04 / 0.872, 12);
  expect(cohenKappa(a, b, { weights: 'quadratic' }).value).toBeCloseTo(0.9541, 4);
});

test('weights follow positions on the scale given, so unused scale points count', () => {
  // Raters used 1, 2 and 5 of a 1–5 scale. On the full scale, quadratic weights are (value difference)², so
  // κ can be computed without any table: observed disagreement (1/n)·Σᵢ(aᵢ − bᵢ)², expected
  // (1/n²)·Σᵢ Σⱼ (aᵢ − bⱼ)² (each A rating against each B rating, as chance pairs them).
  const a = [1, 1, 2, 2, 5, 5, 2];
  const b = [1, 2, 2, 5, 5, 2, 1];
  const n = a.length;
  const observed = a.reduce((sum, x, i) => sum + (x - (b[i] ?? 0)) ** 2, 0) / n;
  const expected = a.reduce((sum, x) => sum + b.reduce((inner, y) => inner + (x - y) ** 2, 0), 0) / (n * n);
  const fullScale = cohenKappa(a, b, { weights: 'quadratic', categories: [1, 2, 3, 4, 5] }).value;
  expect(fullScale).toBeCloseTo(1 - observed / expected, 12);
  expect(fullScale).toBeCloseTo(0.435483870967742, 12);
  // Without the scale, 5 sits next to 2 (the categories are 1, 2, 5 at positions 0, 1, 2): the same
  // formula on positions gives 0.5.
  expect(cohenKappa(a, b, { weights: 'quadratic' }).value).toBeCloseTo(0.5, 12);
  expect(() => cohenKappa([1, 6], [1, 1], { weights: 'linear', categories: [1, 2, 3, 4, 5] })).toThrow(RangeError);
});

test('not computable: no pairs, or one category for everything', () => {
  expect(cohenKappa([], [], { weights: 'none' })).toMatchObject({ value: null, n: 0, reason: 'no rated pairs' });
  const constant = cohenKappa([3, 3, 3], [3, 3, 3], { weights: 'quadratic' });
  expect(constant.value).toBeNull();
  expect(constant.reason).toMatch(/one and the same category/);
});
