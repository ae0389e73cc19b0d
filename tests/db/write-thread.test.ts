import { LibsqlError } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../../db/ids.ts';
import { models } from '../../db/schema/index.ts';
import { startWriteThread } from '../../db/write-thread.ts';
import { createTestDb } from '../helpers/db.ts';
import { repoRoot } from '../helpers/server.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const modelNamed = async (name: string) => t.database.db.select({ name: models.name }).from(models).where(eq(models.name, name));
const insertModel = (name: string) => ({ sql: 'INSERT INTO models (id, name, created_at) VALUES (?, ?, ?)', args: [newId(), name, 1] });

describe('bulk writes run on the write thread', () => {
  test('a committed transaction is seen by the readers and the main connection; a closed one left nothing', async () => {
    await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      await tx.execute(insertModel('thread-kept'));
      expect(await tx.execute({ sql: 'SELECT name FROM models WHERE name = ?', args: ['thread-kept'] })).toEqual({ columns: ['name'], rows: [['thread-kept']] });
      await tx.commit();
      await tx.close();
    });
    expect(await modelNamed('thread-kept')).toEqual([{ name: 'thread-kept' }]);
    expect((await t.database.client.execute("SELECT count(*) FROM models WHERE name = 'thread-kept'")).rows[0]?.[0]).toBe(1);

    await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      await tx.execute(insertModel('thread-dropped'));
      await tx.close();
    });
    expect(await modelNamed('thread-dropped')).toEqual([]);
    // The lock is free again: the main connection writes at once.
    await t.database.write((db) => db.insert(models).values({ id: newId(), name: 'main-after', createdAt: 2 }));
    expect(await modelNamed('main-after')).toHaveLength(1);
  });

  test('an SQL error keeps its class and code across the thread, and the transaction can still be rolled back', async () => {
    await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      await tx.execute(insertModel('dup'));
      const err = await tx.execute(insertModel('dup')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LibsqlError);
      expect((err as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
      expect((err as LibsqlError).message).toContain('UNIQUE constraint failed: models.name');
      await tx.close();
    });
    expect(await modelNamed('dup')).toEqual([]);
  });

  test('the event loop turns while the thread runs a slow statement', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await t.database.write(async () => {
        const tx = await t.database.bulkTransaction();
        await tx.execute({ sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c', args: [] });
        await tx.close();
      });
    } finally {
      clearInterval(timer);
    }
    // On the main connection the statement would have held the loop from start to end: not one tick.
    expect(ticks).toBeGreaterThan(0);
  });

  test('a thread that dies fails the statement it ran; the next transaction gets a new thread', async () => {
    const thread = startWriteThread(t.url, join(repoRoot, 'tests', 'fixtures', 'dying-writer.js'));
    try {
      const tx = await thread.transaction();
      const err = await tx.execute({ sql: 'die', args: [] }).catch((e: unknown) => e);
      expect(String(err)).toContain('The write thread stopped (writer bug); its transaction was rolled back');
      await tx.close();
      const next = await thread.transaction();
      expect(await next.execute({ sql: 'SELECT 1', args: [] })).toEqual({ columns: [], rows: [] });
      await next.close();
    } finally {
      await thread.close();
    }
  });

  test('a memory database writes in a transaction of its one connection', async () => {
    const { createDb } = await import('../../db/client.ts');
    const memory = await createDb(':memory:');
    try {
      await memory.write(async () => {
        const tx = await memory.bulkTransaction();
        await tx.execute(insertModel('in-memory'));
        await tx.commit();
        await tx.close();
      });
      expect((await memory.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM models WHERE name = 'in-memory'`))[0]?.n).toBe(1);
    } finally {
      await memory.close();
    }
  });
});
