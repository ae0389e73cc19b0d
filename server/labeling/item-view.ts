import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { messages, models, scenarios, transcripts, type Json, type StoredBlock } from '../../db/schema/index.ts';
import { flattenStored } from '../ingest/blocks.ts';

/** What a labeler sees of one transcript. */
export interface ItemSide {
  system: string | null;
  messages: { index: number; role: 'system' | 'user' | 'assistant' | 'tool'; content: string | StoredBlock[] }[];
  metadata: { [key: string]: Json };
  transcriptId?: string;
  model?: string;
  scenario?: string;
}

/**
 * A transcript as a labeler may see it. Blind: the messages, the system prompt and only the metadata keys the
 * queue's creator chose — no model, no transcript id (which would open the normal reader), no scenario key, no
 * tags, no score of any kind. What is not built here is never sent.
 */
export async function itemSide(db: Db, transcriptId: string, queue: { blind: boolean; shownMetadataKeys: readonly string[] }): Promise<ItemSide> {
  const [row] = await db
    .select({ id: transcripts.id, system: transcripts.systemPrompt, metadata: transcripts.metadata, model: models.name, scenario: scenarios.key })
    .from(transcripts)
    .innerJoin(models, eq(models.id, transcripts.modelId))
    .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
    .where(eq(transcripts.id, transcriptId));
  if (!row) throw new Error(`transcript ${transcriptId} of a queue item is gone`);
  const rows = await db.select({ index: messages.idx, role: messages.role, content: messages.content }).from(messages).where(eq(messages.transcriptId, transcriptId)).orderBy(asc(messages.idx));
  const metadata: { [key: string]: Json } = {};
  for (const key of queue.shownMetadataKeys) {
    const value = row.metadata[key];
    if (value !== undefined) metadata[key] = value;
  }
  const side: ItemSide = { system: row.system, messages: rows, metadata: queue.blind ? metadata : row.metadata };
  if (!queue.blind) Object.assign(side, { transcriptId: row.id, model: row.model, scenario: row.scenario });
  return side;
}

/** The flattened text of each message of some transcripts, for checking a labeler's evidence quotes. */
export async function messageTextsOf(db: Db, transcriptIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.select({ transcriptId: messages.transcriptId, idx: messages.idx, content: messages.content }).from(messages).where(inArray(messages.transcriptId, [...transcriptIds]));
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.transcriptId) ?? [];
    list[r.idx] = flattenStored(r.content);
    out.set(r.transcriptId, list);
  }
  return out;
}
