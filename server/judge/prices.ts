import { z } from 'zod';
import type { JudgeUsage } from '../../db/schema/index.ts';

/** USD per million tokens. `cacheWrite` is the 5-minute cache write (the judge's `ephemeral` breakpoints). */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}
export type PriceTable = Record<string, ModelPrice>;

/**
 * List prices from Anthropic's pricing page (platform.claude.com/docs/en/about-claude/pricing), read
 * 2026-11. Prices change: override any row with CHARLENS_JUDGE_PRICES (JSON, same shape). Sonnet 5.5 cache
 * reads were cut from $0.20 to $0.10 on 2026-10-07. Haiku 5.5 has a second, higher tier for prompts over
 * 100,000 tokens; judge prompts are far shorter, so the lower tier is listed.
 */
export const DEFAULT_PRICES: PriceTable = {
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-fable-5': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 },
  'claude-opus-4-8': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-7': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-6': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

/** The Message Batches API bills every token class at half the list price. */
export const BATCH_DISCOUNT = 0.5;

export const priceOverridesSchema = z.record(
  z.string().min(1),
  z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative(), cacheWrite: z.number().nonnegative(), cacheRead: z.number().nonnegative() }),
);

/** The price row of a model: an exact id, else the id without a `-YYYYMMDD` date suffix. */
export function priceOf(prices: PriceTable, model: string): ModelPrice | undefined {
  return prices[model] ?? prices[model.replace(/-\d{8}$/, '')];
}

export function costUsd(price: ModelPrice, usage: Omit<JudgeUsage, 'requests'>, mode: 'sync' | 'batch'): number {
  const perToken =
    usage.input_tokens * price.input +
    usage.output_tokens * price.output +
    usage.cache_creation_input_tokens * price.cacheWrite +
    usage.cache_read_input_tokens * price.cacheRead;
  return (perToken / 1_000_000) * (mode === 'batch' ? BATCH_DISCOUNT : 1);
}

export const emptyUsage = (): JudgeUsage => ({ requests: 0, input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

export function addUsage(a: JudgeUsage, b: Partial<Record<keyof JudgeUsage, number | null>>): JudgeUsage {
  return {
    requests: a.requests + (b.requests ?? 0),
    input_tokens: a.input_tokens + (b.input_tokens ?? 0),
    output_tokens: a.output_tokens + (b.output_tokens ?? 0),
    cache_creation_input_tokens: a.cache_creation_input_tokens + (b.cache_creation_input_tokens ?? 0),
    cache_read_input_tokens: a.cache_read_input_tokens + (b.cache_read_input_tokens ?? 0),
  };
}
