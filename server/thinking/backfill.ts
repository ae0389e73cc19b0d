import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { messages } from '../../db/schema/index.ts';
import { measureThinking } from './measure.ts';

const ROWS_PER_CHUNK = 500;

/**
 * Measures the thinking of messages stored before ingest did (migration 0009 left them null): in chunks, each
 * its own write, so uploads are not held behind it; a restart picks up where it stopped.
 */
export async function ensureThinkingMeasured(database: Database): Promise<{ measured: number }> {
  const previous = alias(messages, 'previous');
  let measured = 0;
  let after = 0;
  for (;;) {
    const rows = await database.db
      .select({ id: messages.id, role: messages.role, content: messages.content, previousRole: previous.role, previousContent: previous.content })
      .from(messages)
      .leftJoin(previous, and(eq(previous.transcriptId, messages.transcriptId), eq(previous.idx, sql`${messages.idx} - 1`)))
      .where(and(isNull(messages.thinkingBlocks), gt(messages.id, after)))
      .orderBy(messages.id)
      .limit(ROWS_PER_CHUNK);
    if (!rows.length) return { measured };
    await database.write((db) =>
      db.transaction(async (tx) => {
        for (const row of rows) {
          const before = row.previousRole === null || row.previousContent === null ? undefined : { role: row.previousRole, content: row.previousContent };
          const t = measureThinking({ role: row.role, content: row.content }, before);
          await tx
            .update(messages)
            .set({ thinkingBlocks: t.blocks, thinkingChars: t.chars, redactedThinkingBlocks: t.redacted, interleavedThinkingBlocks: t.interleaved })
            .where(eq(messages.id, row.id));
        }
      }),
    );
    measured += rows.length;
    after = rows.at(-1)?.id ?? after;
  }
}
