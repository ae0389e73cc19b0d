import { describe, expect, test } from 'vitest';
import { formatAgo } from '../../web/src/lib/format.ts';
import { newPasswordProblem } from '../../web/src/lib/passwords.ts';

const now = Date.parse('2025-11-25T18:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatAgo: time since a last use, as coarse as the server keeps it', () => {
  test('never, just now, minutes, hours, days', () => {
    expect(formatAgo(null, now)).toBe('never');
    expect(formatAgo(ago(59_000), now)).toBe('just now');
    expect(formatAgo(ago(-5_000), now)).toBe('just now');
    expect(formatAgo(ago(60_000), now)).toBe('1 min ago');
    expect(formatAgo(ago(59 * 60_000), now)).toBe('59 min ago');
    expect(formatAgo(ago(3 * 3_600_000 + 1), now)).toBe('3 h ago');
    expect(formatAgo(ago(24 * 3_600_000), now)).toBe('1 day ago');
    expect(formatAgo(ago(29 * 24 * 3_600_000), now)).toBe('29 days ago');
  });

  test('a month or more shows the date; something unreadable shows as sent', () => {
    expect(formatAgo(ago(40 * 24 * 3_600_000), now)).toMatch(/^2025-10-1[56] \d\d:\d\d$/);
    expect(formatAgo('yesterday', now)).toBe('yesterday');
  });
});

describe('newPasswordProblem', () => {
  test('at least 10 characters, and the confirmation the same', () => {
    expect(newPasswordProblem('short')).toBe('The password needs at least 10 characters.');
    expect(newPasswordProblem('long enough!', 'long enough?')).toBe('The two passwords differ.');
    expect(newPasswordProblem('long enough!', 'long enough!')).toBe('');
    expect(newPasswordProblem('0123456789')).toBe('');
  });
});
