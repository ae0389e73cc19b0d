import { formatCount, formatNumber } from './format.ts';

/**
 * A turn's thinking in one line, from the measures the server stores (server/thinking/measure.ts: `blocks`
 * are readable thinking blocks, `redacted` the encrypted ones counted apart). A turn "thought" when it has
 * either, as the statistics count it.
 */
export interface ThinkingLike {
  blocks: number;
  chars: number;
  redacted: number;
  interleaved: number;
  tokens: number | null;
}

export function thought(t: Pick<ThinkingLike, 'blocks' | 'redacted'> | null | undefined): boolean {
  return !!t && t.blocks + t.redacted > 0;
}

/** "thought · 1,240 chars · 2 blocks (1 redacted) · 310 tokens", or "did not think". */
export function thinkingLine(t: ThinkingLike): string {
  if (!thought(t)) return 'did not think';
  const all = t.blocks + t.redacted;
  const parts = ['thought'];
  if (t.blocks > 0) parts.push(`${formatNumber(t.chars)} chars`);
  parts.push(`${formatCount(all, 'block', 'blocks')}${t.redacted > 0 ? ` (${t.redacted} redacted)` : ''}`);
  if (t.interleaved > 0) parts.push(`${t.interleaved} between tool calls`);
  if (t.tokens !== null) parts.push(formatCount(t.tokens, 'token', 'tokens'));
  return parts.join(' · ');
}
