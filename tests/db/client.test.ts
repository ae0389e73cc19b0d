import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newId } from '../../db/ids.ts';
import { models } from '../../db/schema/index.ts';
import { createTestDb } from '../helpers/db.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('createDb', () => {
  test('applies the migrations, WAL and foreign keys', async () => {
    const tables = await t.database.client.execute("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name");
    const names = tables.rows.map((r) => r['name']);
    for (const name of ['models', 'scenarios', 'transcripts', 'messages', 'messages_fts', 'traits', 'rubric_versions', 'scores', 'comparisons', 'batches', 'users', 'sessions', 'api_tokens', 'audit_log']) {
      expect(names).toContain(name);
    }
    expect((await t.database.client.execute('PRAGMA journal_mode')).rows[0]?.[0]).toBe('wal');
    const orphan = t.database.write((db) =>
      db.run("INSERT INTO transcripts (id, model_id, scenario_id, source, external_id, content_hash, message_count, created_at) VALUES ('t', 'no-model', 'no-scenario', 'x', 'e', 'h', 0, 0)"),
    );
    await expect(orphan).rejects.toMatchObject({ cause: { message: expect.stringMatching(/FOREIGN KEY constraint failed/) } });
  });

  test('the write queue runs concurrent write transactions one at a time, so none fails with SQLITE_BUSY', async () => {
    const writes = Array.from({ length: 20 }, (_, i) =>
      t.database.write((db) =>
        db.transaction(async (tx) => {
          await tx.insert(models).values({ id: newId(), name: `m${i}`, createdAt: i });
          // Yield inside the transaction, as real writers do between statements.
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.insert(models).values({ id: newId(), name: `m${i}-b`, createdAt: i });
        }),
      ),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(Number((await t.database.client.execute('SELECT count(*) FROM models')).rows[0]?.[0])).toBe(40);
  });

  test('a failed write rolls back and does not stop the queue', async () => {
    const failing = t.database.write((db) =>
      db.transaction(async (tx) => {
        await tx.insert(models).values({ id: newId(), name: 'kept?', createdAt: 0 });
        throw new Error('boom');
      }),
    );
    await expect(failing).rejects.toThrow('boom');
    await t.database.write((db) => db.insert(models).values({ id: newId(), name: 'after', createdAt: 0 }));
    const rows = await t.database.client.execute('SELECT name FROM models');
    expect(rows.rows.map((r) => r['name'])).toEqual(['after']);
  });

  test('the FTS index follows inserts and deletes of messages', async () => {
    const c = t.database.client;
    await c.batch([
      "INSERT INTO models (id, name, created_at) VALUES ('m', 'm', 0)",
      "INSERT INTO scenarios (id, key, created_at) VALUES ('s', 's', 0)",
      "INSERT INTO transcripts (id, model_id, scenario_id, source, external_id, content_hash, message_count, created_at) VALUES ('t', 'm', 's', 'x', 'e', 'h', 1, 0)",
      "INSERT INTO messages (transcript_id, idx, role, content, text) VALUES ('t', 0, 'user', '\"Ünïcode café\"', 'Ünïcode café')",
    ]);
    const hit = async (q: string) => Number((await c.execute({ sql: 'SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?', args: [q] })).rows[0]?.[0]);
    expect(await hit('cafe')).toBe(1); // remove_diacritics folds é to e
    expect(await hit('unicode')).toBe(1);
    await c.execute("DELETE FROM transcripts WHERE id = 't'");
    expect(await hit('cafe')).toBe(0);
  });
});

describe('newId', () => {
  test('sorts in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  test('its random part keeps varying past the pool it draws from (4 KiB, 819 ids)', () => {
    const tails = Array.from({ length: 5000 }, () => newId().slice(-8));
    expect(tails.every((t) => /^[0-9a-hjkmnp-tv-z]{8}$/.test(t))).toBe(true);
    expect(new Set(tails).size).toBe(5000);
  });
});
