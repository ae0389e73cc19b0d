import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Highlighted terms in a snippet are wrapped in these control characters; the web renders them as marks. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface SearchMatch {
  messageIndex: number;
  snippet: string;
}

/**
 * For each listed transcript, its best-ranked message matching the FTS query and a short snippet of it.
 * The match is restricted to the page's messages by rowid, so a common term does not enumerate the whole index.
 */
export async function searchSnippets(db: Db, ftsQuery: string, transcriptIds: string[]): Promise<Map<string, SearchMatch>> {
  const out = new Map<string, SearchMatch>();
  if (!transcriptIds.length || !ftsQuery) return out;
  const rows = await db.all<{ transcript_id: string; idx: number; snip: string }>(sql`
    SELECT m.transcript_id, m.idx, snippet(messages_fts, 0, ${MARK_START}, ${MARK_END}, '…', 16) AS snip
    FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH ${ftsQuery}
      AND messages_fts.rowid IN (SELECT id FROM messages WHERE transcript_id IN (${sql.join(
        transcriptIds.map((id) => sql`${id}`),
        sql`, `,
      )}))
    ORDER BY bm25(messages_fts)`);
  for (const row of rows) {
    if (!out.has(row.transcript_id)) out.set(row.transcript_id, { messageIndex: Number(row.idx), snippet: row.snip });
  }
  return out;
}
