import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { searchTerms } from '../lib/fts.ts';
import type { SearchHit } from './search-page.ts';

/** Highlighted terms in a snippet are wrapped in these control characters; the web renders them as marks. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** The snippet is cut from a region of this many characters around the first hit, never from the whole message. */
const REGION_BEFORE = 2000;
const REGION_CHARS = 6000;
const WINDOW_CHARS = 220;
const LEAD_CHARS = 24;

export const searchMatchSchema = z
  .object({
    messageIndex: z.int().describe('The first message (lowest index) that matches the search'),
    snippet: z.string().describe('Text around the first hit; hits are wrapped in U+0002 … U+0003'),
  })
  .nullable();
export type SearchMatch = NonNullable<z.infer<typeof searchMatchSchema>>;

/**
 * For each hit of a page (server/queries/search-page.ts), a snippet of its best-ranked message. The snippet is
 * cut from a bounded window around the first hit (SQLite's snippet() grows with the square of a term's
 * occurrences in one message: a 4 MiB message stalled the server for minutes).
 */
export async function searchSnippets(db: Db, q: string, hits: readonly SearchHit[]): Promise<Map<string, SearchMatch>> {
  const out = new Map<string, SearchMatch>();
  if (!hits.length) return out;
  const words = searchWords(q);
  const first = (words[0] ?? '').toLowerCase();
  const rows = await db.values<[id: number, start: number, textLength: number, region: string]>(sql`
    SELECT id, max(1, instr(lower(text), ${first}) - ${REGION_BEFORE}) AS start, length(text) AS text_length,
           substr(text, max(1, instr(lower(text), ${first}) - ${REGION_BEFORE}), ${REGION_CHARS}) AS region
    FROM messages WHERE id IN (${sql.join(
      hits.map((h) => sql`${h.messageId}`),
      sql`, `,
    )})`);
  // Index access, not destructuring: the main connection's rows are array-like, not iterable.
  const regions = new Map(rows.map((r) => [Number(r[0]), { start: Number(r[1]), length: Number(r[2]), text: r[3] }]));
  for (const hit of hits) {
    const region = regions.get(hit.messageId);
    if (!region) continue;
    const atEnd = region.start - 1 + region.text.length >= region.length;
    out.set(hit.transcriptId, { messageIndex: hit.messageIndex, snippet: snippetOf(region.text, words, region.start > 1, atEnd) });
  }
  return out;
}

/** The words of a search, lower-cased and each once: what the snippet marks (FTS5 matches words, not strings). */
export function searchWords(q: string): string[] {
  return [...new Set(searchTerms(q).flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))];
}

/**
 * The best window of a bounded region: the one whose hits cover the most distinct words in the least space,
 * starting a little before its first hit, cut at word edges, with every hit marked. Linear in the region.
 */
export function snippetOf(region: string, words: readonly string[], cutBefore: boolean, endsMessage: boolean): string {
  const hits = findHits(region, words);
  let best = { start: 0, distinct: 0, span: Infinity };
  for (let i = 0; i < hits.length; i++) {
    const from = hits[i];
    if (!from) continue;
    const seen = new Set<string>();
    let last = from.at;
    for (let j = i; j < hits.length; j++) {
      const h = hits[j];
      if (!h || h.at + h.word.length > from.at + WINDOW_CHARS - LEAD_CHARS) break;
      if (!seen.has(h.word)) {
        seen.add(h.word);
        last = h.at + h.word.length;
      }
    }
    const span = last - from.at;
    if (seen.size > best.distinct || (seen.size === best.distinct && span < best.span)) best = { start: from.at, distinct: seen.size, span };
  }
  let start = Math.max(0, best.start - LEAD_CHARS);
  let end = Math.min(region.length, start + WINDOW_CHARS);
  // Whole words only: move the edges to the nearest whitespace inside the window.
  if (start > 0) start = nextSpace(region, start, best.start);
  if (end < region.length) end = lastSpace(region, end, start);
  const lead = start > 0 || cutBefore ? '…' : '';
  const tail = end < region.length || !endsMessage ? '…' : '';
  return `${lead}${markWords(region.slice(start, end), words).replace(/\s+/gu, ' ').trim()}${tail}`;
}

function findHits(text: string, words: readonly string[]): { at: number; word: string }[] {
  if (!words.length) return [];
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'giu');
  const hits: { at: number; word: string }[] = [];
  for (const m of text.matchAll(pattern)) hits.push({ at: m.index, word: m[0].toLowerCase() });
  return hits;
}

function nextSpace(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (/\s/u.test(text[i] ?? '')) return i + 1;
  return from;
}

function lastSpace(text: string, from: number, limit: number): number {
  for (let i = from; i > limit; i--) if (/\s/u.test(text[i] ?? '')) return i;
  return from;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Wraps every case-insensitive occurrence of a word in the marks. */
function markWords(text: string, words: readonly string[]): string {
  if (!words.length) return text;
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'giu');
  return text.replace(pattern, (hit) => `${MARK_START}${hit}${MARK_END}`);
}

