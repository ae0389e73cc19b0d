import { describe, expect, test } from 'vitest';
import { formatShare, formatTokens, formatUsd, tokenSourceLabel } from '../../web/src/lib/judge-format.ts';

describe('formatUsd: decimals follow the size of the amount', () => {
  test('cent-sized costs keep four places', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.0123456)).toBe('$0.0123');
    expect(formatUsd(0.00005)).toBe('$0.0001');
    expect(formatUsd(0.99994)).toBe('$0.9999');
  });
  test('dollars keep cents, thousands keep none', () => {
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(12.345)).toBe('$12.35');
    expect(formatUsd(999.5)).toBe('$999.50');
    expect(formatUsd(1234.56)).toBe('$1,235');
  });
  test('not a number is a dash', () => {
    expect(formatUsd(Number.NaN)).toBe('—');
  });
});

describe('formatTokens', () => {
  test('small counts exactly, large ones in k and M', () => {
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(9_999)).toBe('9,999');
    expect(formatTokens(10_000)).toBe('10k');
    expect(formatTokens(101_312)).toBe('101.3k');
    expect(formatTokens(1_000_000)).toBe('1M');
    expect(formatTokens(4_567_890)).toBe('4.57M');
  });
});

describe('formatShare', () => {
  test('whole percents; a small non-zero share never reads as 0%', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0.996)).toBe('>99%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(1.4)).toBe('100%');
  });
});

test('tokenSourceLabel says where the numbers came from', () => {
  expect(tokenSourceLabel('count_tokens')).toBe("counted by the API's token counting");
  expect(tokenSourceLabel('offline')).toMatch(/^offline estimate/);
});
