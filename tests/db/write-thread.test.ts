import { LibsqlError } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { newId } from '../../db/ids.ts';
import { models } from '../../db/schema/index.ts';
import { startWriteThread } from '../../db/write-thread.ts';
import { createTestDb } from '../helpers/db.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const slow = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c`;
const insertModel = (name: string) => ({ sql: 'INSERT INTO models (id, name, created_at) VALUES (?, ?, 0)', args: [newId(), name] });
const named = (name: string) => t.database.db.select({ name: models.name }).from(models).where(eq(models.name, name));

describe('bulk writes of a database file run on the write thread', () => {
  test('the event loop turns while a slow statement runs in the transaction', async () => {
    await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      try {
        let done = false;
        const counted = tx.execute(slow).then((r) => ((done = true), r));
        await new Promise((resolve) => setTimeout(resolve, 10));
        // On the main connection the statement would have run to its end before this timer fired.
        expect(done).toBe(false);
        expect((await counted).rows.map((r) => Array.from(r))).toEqual([[3_000_000]]);
      } finally {
        await tx.close();
      }
    });
  });

  test('what it commits every connection sees; what it closes without committing is gone; it reads its own rows', async () => {
    await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      await tx.execute(insertModel('kept'));
      expect((await tx.execute({ sql: 'SELECT name FROM models WHERE name = ?', args: ['kept'] })).rows.map((r) => r[0])).toEqual(['kept']);
      await tx.commit();
      await tx.close();
      const dropped = await t.database.bulkTransaction();
      await dropped.execute(insertModel('dropped'));
      await dropped.close();
    });
    expect(await named('kept')).toEqual([{ name: 'kept' }]);
    expect(await named('dropped')).toEqual([]);
    expect((await t.database.client.execute("SELECT count(*) AS n FROM models WHERE name IN ('kept', 'dropped')")).rows[0]?.['n']).toBe(1);
  });

  test('statements sent without waiting for each answer run in the order they were sent', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `order-${String(i).padStart(2, '0')}`);
    const stored = await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      try {
        const sent = names.map((name) => tx.execute(insertModel(name)));
        const read = tx.execute("SELECT name FROM models WHERE name LIKE 'order-%' ORDER BY rowid");
        await Promise.all(sent);
        const rows = (await read).rows.map((r) => r[0]);
        await tx.commit();
        return rows;
      } finally {
        await tx.close();
      }
    });
    expect(stored).toEqual(names);
  });

  // The thread keeps up to 64 prepared statements by their text: reused ones must bind their new values, and
  // evicted ones be prepared again.
  test('a statement sent again binds its new values, past the statements it keeps, and binds as the main connection does', async () => {
    const binding = { sql: 'SELECT ?, ?, typeof(?), ?, hex(?)', args: [true, false, new Date(5), new Date(5), new Uint8Array([1, 255]).buffer] };
    const rows = await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      try {
        for (let i = 0; i < 100; i++) await tx.execute(insertModel(`kept-${i}`));
        const seen: unknown[] = [];
        for (let round = 0; round < 2; round++) {
          for (let n = 0; n < 80; n++) seen.push(Array.from((await tx.execute({ sql: `SELECT ? + ${n} AS v`, args: [round] })).rows[0] ?? []));
        }
        const select = 'SELECT count(*) AS n FROM models WHERE name LIKE ?';
        const counts = [await tx.execute({ sql: select, args: ['kept-%'] }), await tx.execute({ sql: select, args: ['kept-9%'] })].map((r) => Array.from(r.rows[0] ?? []));
        const bound = await tx.execute(binding);
        return { seen, counts, bound: Array.from(bound.rows[0] ?? []) };
      } finally {
        await tx.close();
      }
    });
    expect(rows.seen).toEqual([...Array.from({ length: 80 }, (_, n) => [n]), ...Array.from({ length: 80 }, (_, n) => [n + 1])]);
    expect(rows.counts).toEqual([[100], [11]]);
    const onMain = await t.database.client.execute(binding);
    expect(rows.bound).toEqual(Array.from(onMain.rows[0] ?? []));
    expect(rows.bound).toEqual([1, 0, 'real', 5, '01FF']);
    // Closed without a commit: nothing stays.
    expect(await named('kept-0')).toEqual([]);
  });

  test('an SQL error keeps its class and code; the transaction then rolls back whole', async () => {
    const failure = await t.database.write(async () => {
      const tx = await t.database.bulkTransaction();
      try {
        await tx.execute(insertModel('before-error'));
        return await tx.execute({ sql: 'INSERT INTO models (id, name, created_at) VALUES (?, ?, 0)', args: [null, 'no-id'] }).then(
          () => null,
          (err: unknown) => err,
        );
      } finally {
        await tx.close();
      }
    });
    expect(failure).toBeInstanceOf(LibsqlError);
    expect(failure).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await named('before-error')).toEqual([]);
  });
});

test('the thread stops after idleMs without a transaction and starts again with the next', async () => {
  const thread = startWriteThread(t.path, { idleMs: 200 });
  try {
    const first = await thread.transaction();
    await first.execute(insertModel('idle-1'));
    await first.commit();
    await first.close();
    const worker = thread.worker;
    expect(worker).not.toBeNull();
    // Idle past idleMs: the worker stops, and a new transaction starts another.
    await vi.waitFor(() => expect(thread.worker).toBeNull(), { timeout: 5000 });
    expect(worker?.threadId).toBe(-1);
    const second = await thread.transaction();
    await second.execute(insertModel('idle-2'));
    await second.commit();
    await second.close();
    expect(thread.worker).not.toBe(worker);
  } finally {
    await thread.close();
  }
  expect((await named('idle-1')).length + (await named('idle-2')).length).toBe(2);
});
