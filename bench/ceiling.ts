import type { Client, InStatement } from '@libsql/client';
import { newId } from '../db/ids.ts';
import { flattenContent, type MessageContent } from '../server/ingest/blocks.ts';
import { benchLine, MODELS } from './data.ts';

/**
 * The baseline: the same rows written straight through `@libsql/client` `batch()`, one statement per row,
 * 200 transcripts per batch, with no parsing, validation or hashing. Also used to fill large databases fast.
 */
export async function writeDirect(client: Client, from: number, to: number): Promise<void> {
  const modelIds = new Map<string, string>();
  for (const name of MODELS) {
    const existing = await client.execute({ sql: 'SELECT id FROM models WHERE name = ?', args: [name] });
    const id = existing.rows[0] ? String(existing.rows[0]['id']) : newId();
    if (!existing.rows[0]) await client.execute({ sql: 'INSERT INTO models (id, name, created_at) VALUES (?, ?, ?)', args: [id, name, Date.now()] });
    modelIds.set(name, id);
  }
  const scenarioIds = new Map<string, string>();
  for (let start = from; start < to; start += 200) {
    const statements: InStatement[] = [];
    for (let i = start; i < Math.min(to, start + 200); i++) {
      const line = benchLine(i);
      let scenarioId = scenarioIds.get(line.scenario);
      if (!scenarioId) {
        scenarioId = newId();
        scenarioIds.set(line.scenario, scenarioId);
        statements.push({ sql: 'INSERT INTO scenarios (id, key, tags, created_at) VALUES (?, ?, ?, ?)', args: [scenarioId, line.scenario, '[]', Date.now()] });
      }
      const id = newId();
      statements.push({
        sql: 'INSERT INTO transcripts (id, model_id, scenario_id, sample_index, system_prompt, metadata, tags, source, external_id, content_hash, message_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        args: [id, modelIds.get(line.model) ?? '', scenarioId, 0, line.system, JSON.stringify(line.metadata), JSON.stringify(line.tags), 'native', line.external_id, 'x', line.messages.length, Date.now()],
      });
      for (const tag of line.tags) statements.push({ sql: 'INSERT INTO transcript_tags (transcript_id, tag) VALUES (?, ?)', args: [id, tag] });
      line.messages.forEach((m, idx) => {
        const content: MessageContent = typeof m.content === 'string' ? m.content : m.content.map((b) => ({ type: 'text' as const, text: b.text }));
        statements.push({
          sql: 'INSERT INTO messages (transcript_id, idx, role, content, text) VALUES (?, ?, ?, ?, ?)',
          args: [id, idx, m.role, JSON.stringify(content), flattenContent(content)],
        });
      });
    }
    await client.batch(statements, 'write');
  }
}
