import { describe, expect, test } from 'vitest';
import { actionChoices, actorLabel, compactDetails, KNOWN_AUDIT_ACTIONS, targetEmail } from '../../web/src/lib/audit-format.ts';

describe('audit details as one line of JSON', () => {
  test('compact, keys in the order the server wrote them; an empty object shows nothing', () => {
    expect(compactDetails({ name: 'nightly', scopes: ['read', 'ingest'] })).toEqual({ short: '{"name":"nightly","scopes":["read","ingest"]}', full: '{"name":"nightly","scopes":["read","ingest"]}', truncated: false });
    expect(compactDetails({ email: 'a@b.c', role: 'researcher → admin', disabled: false })).toMatchObject({ short: '{"email":"a@b.c","role":"researcher → admin","disabled":false}' });
    expect(compactDetails({})).toEqual({ short: '', full: '', truncated: false });
  });

  test('long details are cut to the limit with an ellipsis, never inside a character', () => {
    const long = compactDetails({ note: 'x'.repeat(300) }, 20);
    expect(long.truncated).toBe(true);
    expect(long.short).toBe('{"note":"xxxxxxxxxx…');
    expect(Array.from(long.short)).toHaveLength(20);
    expect(long.full).toHaveLength(300 + '{"note":""}'.length);
    // 19 characters kept: `{"e":"` is 6, then 13 emoji — each one whole, not half a surrogate pair.
    const emoji = compactDetails({ e: '😀'.repeat(30) }, 20);
    expect(emoji.short).toBe(`{"e":"${'😀'.repeat(13)}…`);
    expect(emoji.short.isWellFormed()).toBe(true);
  });

  test('markup in details stays text: it is JSON, escaped only as JSON escapes', () => {
    expect(compactDetails({ name: '<script>x</script>' }).short).toBe('{"name":"<script>x</script>"}');
  });
});

describe('who did it', () => {
  test('an email, the system for null, and a removed user by id', () => {
    expect(actorLabel({ userId: 'u1', email: 'admin@example.com' })).toBe('admin@example.com');
    expect(actorLabel({ userId: null, email: null })).toBe('system');
    expect(actorLabel({ userId: 'u9', email: null })).toBe('removed user u9');
  });
});

describe('the action filter', () => {
  test('known actions, plus ones seen and the one in the link, sorted and once each', () => {
    expect(actionChoices([], '')).toEqual([...KNOWN_AUDIT_ACTIONS].sort());
    const choices = actionChoices(['token.create', 'label.submit'], 'zzz.custom');
    expect(choices).toContain('label.submit');
    expect(choices.at(-1)).toBe('zzz.custom');
    expect(choices.filter((a) => a === 'token.create')).toHaveLength(1);
  });
});

test('a user target reads as their email when the page knows them, else stays an id', () => {
  const emails = new Map([['u1', 'lena@example.com']]);
  expect(targetEmail('u1', emails)).toBe('lena@example.com');
  expect(targetEmail('tok9', emails)).toBeNull();
  expect(targetEmail(null, emails)).toBeNull();
});
