import { expect, test } from 'vitest';
import { readEnv } from '../../server/env.ts';
import { DEFAULT_PRICES } from '../../server/judge/prices.ts';
import { judgeConfigFrom } from '../../server/judge/setup.ts';
import { defaultJudgeConfig } from '../../server/judge/worker.ts';

test('judge settings come from the environment: model, concurrency, lease, and price rows that replace the built-in ones', () => {
  const env = readEnv({
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999',
    CHARLENS_JUDGE_MODEL: 'claude-haiku-5-5',
    CHARLENS_JUDGE_CONCURRENCY: '32',
    CHARLENS_JUDGE_LEASE_MS: '5000',
    CHARLENS_JUDGE_PRICES: JSON.stringify({ 'claude-haiku-5-5': { input: 0.2, output: 1, cacheWrite: 0.25, cacheRead: 0.02 }, 'my-proxy-model': { input: 1, output: 2, cacheWrite: 1, cacheRead: 0.1 } }),
  });
  expect(env.anthropicBaseUrl).toBe('http://127.0.0.1:9999');
  const config = judgeConfigFrom(env);
  expect(config).toMatchObject({ defaultModel: 'claude-haiku-5-5', concurrency: 32, leaseMs: 5000, batchPollMs: defaultJudgeConfig.batchPollMs });
  expect(config.prices['claude-haiku-5-5']).toEqual({ input: 0.2, output: 1, cacheWrite: 0.25, cacheRead: 0.02 });
  expect(config.prices['my-proxy-model']?.output).toBe(2);
  expect(config.prices['claude-sonnet-5-5']).toEqual(DEFAULT_PRICES['claude-sonnet-5-5']);
});

test('defaults: the current Sonnet, concurrency 8, the built-in price table', () => {
  const config = judgeConfigFrom(readEnv({}));
  expect(config).toMatchObject({ defaultModel: 'claude-sonnet-5-5', concurrency: 8, prices: DEFAULT_PRICES });
});

test('bad judge settings stop the start with the variable named', () => {
  expect(() => readEnv({ CHARLENS_JUDGE_PRICES: '{not json' })).toThrow(/CHARLENS_JUDGE_PRICES: must be JSON/);
  expect(() => readEnv({ CHARLENS_JUDGE_PRICES: '{"m": {"input": -1, "output": 1, "cacheWrite": 1, "cacheRead": 1}}' })).toThrow(/CHARLENS_JUDGE_PRICES\.m\.input/);
  expect(() => readEnv({ CHARLENS_JUDGE_CONCURRENCY: '0' })).toThrow(/CHARLENS_JUDGE_CONCURRENCY/);
  expect(() => readEnv({ ANTHROPIC_BASE_URL: 'not a url' })).toThrow(/ANTHROPIC_BASE_URL/);
});

test('the labeling lease comes from CHARLENS_LABEL_LEASE_SECONDS (10 minutes by default); a bad one is named', () => {
  expect(readEnv({}).labelLeaseMs).toBe(600_000);
  expect(readEnv({ CHARLENS_LABEL_LEASE_SECONDS: '90' }).labelLeaseMs).toBe(90_000);
  expect(() => readEnv({ CHARLENS_LABEL_LEASE_SECONDS: '-5' })).toThrow(/CHARLENS_LABEL_LEASE_SECONDS/);
});
