import { expect, test } from 'vitest';
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../../server/stats/distributions.ts';

// Reference values: scipy 1.17.1 `stats.norm.ppf/cdf` and `stats.t.ppf/cdf`, run once by hand (the same digits
// as R's qnorm/pnorm/qt/pt and any printed table, to more places).
test('normal quantiles match the reference to 1e-8', () => {
  expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
  expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
  expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 8);
  expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167814, 8);
  expect(normalQuantile(0.9)).toBeCloseTo(1.281551565544601, 8);
  expect(normalQuantile(0.5)).toBe(0);
  expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
});

test('the normal CDF matches the reference within the 7.5e-8 bound of A&S 7.1.26', () => {
  expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(7.5e-8);
  expect(Math.abs(normalCdf(-1) - 0.1586552539314571)).toBeLessThan(7.5e-8);
  expect(Math.abs(normalCdf(0.5) - 0.6914624612740131)).toBeLessThan(7.5e-8);
  expect(Math.abs(normalCdf(-3) - 0.001349898031630095)).toBeLessThan(7.5e-8);
  expect(Math.abs(normalCdf(0) - 0.5)).toBeLessThan(7.5e-8);
});

test('t quantiles match the reference, including the closed forms for 1 and 2 degrees of freedom', () => {
  // df 1 is Cauchy: tan(π(p − ½)); df 2: (2p − 1)/√(2p(1 − p)) = 0.95/√0.04875 at p = 0.975.
  expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9);
  expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(0.04875), 9);
  expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446305284263, 9);
  expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 9);
  expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642132703, 9);
  expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.84090930973335, 9);
  expect(studentTQuantile(0.025, 29)).toBeCloseTo(-2.045229642132703, 9);
  // Above 1,000 df the Cornish–Fisher branch: scipy's t.ppf(0.975, 5000) = 1.9604385517065073.
  expect(studentTQuantile(0.975, 5000)).toBeCloseTo(1.9604385517065073, 8);
});

test('the t CDF is exact at known points and symmetric', () => {
  expect(studentTCdf(0, 7)).toBe(0.5);
  // df 1: P(T ≤ 1) = ½ + atan(1)/π = 0.75; df 2: P(T ≤ t) = ½ + t/(2√(2 + t²)).
  expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
  expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 2 / (2 * Math.sqrt(6)), 12);
  expect(studentTCdf(-2.570581835636314, 5)).toBeCloseTo(0.025, 12);
  expect(() => studentTCdf(1, 2.5)).toThrow(RangeError);
});

test('t quantiles at the edge of floating point still return', () => {
  expect(studentTQuantile(1 - 1e-16, 1)).toBeGreaterThan(1e15);
  expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
});
