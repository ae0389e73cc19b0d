import { LibsqlError } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { join } from 'node:path';
import { createDb } from '../../db/client.ts';
import { HEAVY_AFTER_MS, heavyReads, startReadPool, withReadAccount } from '../../db/read-pool.ts';
import { newId } from '../../db/ids.ts';
import { models } from '../../db/schema/index.ts';
import { createTestDb } from '../helpers/db.ts';
import { repoRoot } from '../helpers/server.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/** A read that keeps a reader busy for a second or more: SQLite counting to three million. */
const SLOW_COUNT = 3_000_000;
const slowRead = sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${SLOW_COUNT}) SELECT count(*) FROM c`;
/** The same as plain SQL text, for the pool's own `query`. */
const slow = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${SLOW_COUNT}) SELECT count(*) FROM c`;

/** What a promise settled with, without throwing: its value, or the message of its error's cause. */
function outcome<T>(p: Promise<T>): Promise<{ value: T } | { error: string }> {
  return p.then(
    (value) => ({ value }),
    (err: unknown) => ({ error: err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err) }),
  );
}

describe('reads of a database file run on the read pool', () => {
  test('the event loop turns while a slow read runs, and a second read finishes on the other reader meanwhile', async () => {
    expect(t.database.readers?.size).toBe(2);
    let slowDone = false;
    const slow = t.database.db.values<[number]>(slowRead).then((rows) => {
      slowDone = true;
      return rows;
    });
    // On the main connection the read would have run to its end before this timer could fire.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slowDone).toBe(false);
    expect(await t.database.db.values<[number]>(sql`SELECT 41 + 1`)).toEqual([[42]]);
    expect(slowDone).toBe(false);
    expect(await slow).toEqual([[SLOW_COUNT]]);
  });

  test('a read issued once a write has resolved sees that write', async () => {
    for (let i = 0; i < 50; i++) {
      const name = `ryw-${i}`;
      await t.database.write((db) =>
        db.transaction(async (tx) => {
          await tx.insert(models).values({ id: newId(), name, createdAt: i });
          await tx.update(models).set({ family: 'seen' }).where(eq(models.name, name));
        }),
      );
      expect(await t.database.db.select({ name: models.name, family: models.family }).from(models).where(eq(models.name, name))).toEqual([{ name, family: 'seen' }]);
    }
  });

  test('drizzle maps the readers’ rows as on the main connection: selections, nested objects, get, values', async () => {
    const id = newId();
    await t.database.write((db) => db.insert(models).values({ id, name: 'shape', family: 'f', createdAt: 7 }));
    const query = (db: typeof t.database.db) => db.select({ model: models, upper: sql<string>`upper(${models.name})` }).from(models).where(eq(models.id, id));
    const viaReaders = await query(t.database.db);
    const viaMain = await t.database.write(async (db) => query(db));
    expect(viaReaders).toEqual(viaMain);
    expect(viaReaders[0]).toMatchObject({ model: { id, name: 'shape', family: 'f', createdAt: 7 }, upper: 'SHAPE' });
    expect(await t.database.db.select({ name: models.name }).from(models).where(eq(models.id, id)).get()).toEqual({ name: 'shape' });
    expect(await t.database.db.select({ name: models.name }).from(models).where(eq(models.id, 'none')).get()).toBeUndefined();
    expect(await t.database.db.values(sql`SELECT name, created_at FROM models WHERE id = ${id}`)).toEqual([['shape', 7]]);
  });

  test('raw SQL through all and get reads columns by name, as on the main connection', async () => {
    const id = newId();
    await t.database.write((db) => db.insert(models).values({ id, name: 'named', family: 'g', createdAt: 8 }));
    const raw = sql`SELECT name, family AS kin, created_at FROM models WHERE id = ${id}`;
    const viaReaders = await t.database.db.all<{ name: string; kin: string; created_at: number }>(raw);
    const viaMain = await t.database.write((db) => db.all<{ name: string; kin: string; created_at: number }>(raw));
    expect(viaReaders.map((r) => ({ ...r }))).toEqual(viaMain.map((r) => ({ ...r })));
    expect(JSON.stringify(viaReaders)).toBe(JSON.stringify(viaMain));
    expect(viaReaders[0]).toMatchObject({ name: 'named', kin: 'g', created_at: 8 });
    expect(await t.database.db.get<{ kin: string }>(raw)).toMatchObject({ kin: 'g' });
    expect(await t.database.db.get(sql`SELECT name FROM models WHERE id = 'none'`)).toBeUndefined();
  });

  test('an SQL error keeps its class, code and message across the thread', async () => {
    const onMain = await t.database.client.execute('SELECT * FROM no_such_table').then(
      () => null,
      (err: unknown) => err,
    );
    const onReader = await t.database.db.values(sql`SELECT * FROM no_such_table`).then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.cause : null),
    );
    expect(onReader).toBeInstanceOf(LibsqlError);
    expect(onReader).toMatchObject({ code: 'SQLITE_ERROR', message: 'SQLITE_ERROR: no such table: no_such_table' });
    expect(onMain).toMatchObject({ code: 'SQLITE_ERROR', message: 'SQLITE_ERROR: no such table: no_such_table' });
    const fts = await outcome(t.database.db.values(sql`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${'"unclosed'}`));
    expect(fts).toEqual({ error: expect.stringMatching(/^SQLITE_ERROR: .*unterminated string/) });
  });

  test('a write sent to a reader fails loudly and changes nothing', async () => {
    const attempt = await outcome(t.database.db.values(sql`INSERT INTO models (id, name, created_at) VALUES (${newId()}, 'sneaky', 0)`));
    expect(attempt).toEqual({ error: expect.stringMatching(/readonly database/) });
    expect(await t.database.db.select().from(models).where(eq(models.name, 'sneaky'))).toEqual([]);
  });

  test('a reader stopped while idle is replaced, and reads go on', async () => {
    const readers = t.database.readers;
    if (!readers) throw new Error('expected read workers on a database file');
    const victim = readers.workers[0];
    await victim?.terminate();
    expect(await Promise.all(Array.from({ length: 6 }, (_, i) => t.database.db.values(sql`SELECT ${i} + 0`)))).toEqual([0, 1, 2, 3, 4, 5].map((i) => [[i]]));
    await vi.waitFor(() => expect(readers.workers).toHaveLength(2));
    expect(readers.workers).not.toContain(victim);
  });

  test('closing lets the statement in flight finish, refuses the queued ones, and stops the readers', async () => {
    const other = await createTestDb();
    const running = [outcome(other.database.db.values(slowRead)), outcome(other.database.db.values(slowRead)), outcome(other.database.db.values(sql`SELECT 1`))];
    // Readers start with the first statement: wait until both slow ones are on them.
    await vi.waitFor(() => expect(other.database.readers?.running).toBe(2), { timeout: 5000 });
    const workers = [...(other.database.readers?.workers ?? [])];
    expect(workers).toHaveLength(2);
    await other.cleanup();
    expect(await Promise.all(running)).toEqual([{ value: [[SLOW_COUNT]] }, { value: [[SLOW_COUNT]] }, { error: 'CLIENT_CLOSED: The client is closed' }]);
    expect(workers.map((w) => w.threadId)).toEqual([-1, -1]);
    expect(await outcome(other.database.db.values(sql`SELECT 1`))).toEqual({ error: 'CLIENT_CLOSED: The client is closed' });
  });
});

describe('readers run while there are reads', () => {
  test('none before the first read; they stop after idleMs without a statement, and the next read starts them again', async () => {
    const pool = startReadPool(t.path, 2, { idleMs: 300 });
    try {
      expect(pool.workers).toHaveLength(0);
      expect((await Promise.all([pool.query('SELECT 1', []), pool.query('SELECT 2', [])])).map((r) => r.rows)).toEqual([[[1]], [[2]]]);
      const first = [...pool.workers];
      expect(first).toHaveLength(2);
      // Reads closer together than idleMs keep them all.
      for (let i = 0; i < 6; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await pool.query('SELECT 3', []);
      }
      expect(pool.workers).toEqual(first);
      await vi.waitFor(() => expect(pool.workers).toHaveLength(0), { timeout: 5000 });
      await vi.waitFor(() => expect(first.map((w) => w.threadId)).toEqual([-1, -1]));
      expect((await pool.query('SELECT 4', [])).rows).toEqual([[4]]);
      // One statement needs one reader.
      expect(pool.workers).toHaveLength(1);
      expect(pool.workers).not.toContain(first[0]);
    } finally {
      await pool.close();
    }
    expect(pool.workers).toHaveLength(0);
  });

  test('one statement at a time keeps one reader; a second starts when a statement would wait', async () => {
    const pool = startReadPool(t.path, 3);
    try {
      for (let i = 0; i < 5; i++) expect((await pool.query(`SELECT ${i}`, [])).rows).toEqual([[i]]);
      expect(pool.workers).toHaveLength(1);
      await Promise.all([pool.query('SELECT 1', []), pool.query('SELECT 2', [])]);
      expect(pool.workers).toHaveLength(2);
      await Promise.all(Array.from({ length: 6 }, (_, i) => pool.query(`SELECT ${i}`, [])));
      expect(pool.workers).toHaveLength(3);
    } finally {
      await pool.close();
    }
  });
});

describe('who goes first when every reader is busy', () => {
  test('a request that holds no reader goes before the queued statements of one that does', async () => {
    const pool = startReadPool(t.path, 1);
    try {
      const order: string[] = [];
      const run = (name: string, statement: string) => pool.query(statement, []).then(() => order.push(name));
      // One request sends three statements at once, as Promise.all over queries does; the first keeps the reader busy.
      const heavy = withReadAccount(() => Promise.all([run('heavy 1', slow), run('heavy 2', 'SELECT 1'), run('heavy 3', 'SELECT 1')]));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const light = withReadAccount(() => run('light', 'SELECT 2'));
      await Promise.all([heavy, light]);
      expect(order).toEqual(['heavy 1', 'light', 'heavy 2', 'heavy 3']);
    } finally {
      await pool.close();
    }
  });

  test('heavy work holds every reader but one: a light read runs while a heavy request’s second statement waits', async () => {
    const pool = startReadPool(t.path, 2);
    try {
      const order: string[] = [];
      const run = (name: string, statement: string) => pool.query(statement, []).then(() => order.push(name));
      // A statistics request: marked heavy by its route, two slow statements at once.
      const heavy = withReadAccount(() => {
        heavyReads();
        return Promise.all([run('heavy 1', slow), run('heavy 2', slow)]);
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const light = withReadAccount(() => run('light', 'SELECT 2'));
      await Promise.all([heavy, light]);
      // Without the reserve both slow statements would hold both readers and the light read would come second.
      expect(order).toEqual(['light', 'heavy 1', 'heavy 2']);
    } finally {
      await pool.close();
    }
  });

  test(`a request that has spent ${HEAVY_AFTER_MS} ms on readers counts as heavy, though it never said so`, async () => {
    const pool = startReadPool(t.path, 2);
    try {
      const order: string[] = [];
      const run = (name: string, statement: string) => pool.query(statement, []).then(() => order.push(name));
      let second: Promise<unknown> = Promise.resolve();
      const unmarked = withReadAccount(async () => {
        await run('first', slow);
        second = Promise.all([run('second a', slow), run('second b', slow)]);
        await second;
      });
      // Once its first statement is done, it sends two more; a light read sent just after still finds a reader.
      while (!order.includes('first')) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const light = withReadAccount(() => run('light', 'SELECT 2'));
      await Promise.all([unmarked, light]);
      expect(order).toEqual(['first', 'light', 'second a', 'second b']);
    } finally {
      await pool.close();
    }
  });

  test('a request is charged the time its statements ran on the readers, not the time a busy event loop took to hear back', async () => {
    const pool = startReadPool(t.path, 2);
    try {
      // Both readers up, so the busy spell below is the only delay.
      await Promise.all([pool.query('SELECT 1', []), pool.query('SELECT 2', [])]);
      const order: string[] = [];
      const run = (name: string, statement: string) => pool.query(statement, []).then(() => order.push(name));
      await withReadAccount(async () => {
        const quick = run('quick', 'SELECT 1');
        // The event loop is held well past HEAVY_AFTER_MS while the quick statement has long been answered.
        const until = performance.now() + HEAVY_AFTER_MS * 1.5;
        while (performance.now() < until);
        await quick;
        // Statistics take the other reader; this request's next statement still goes to the light one.
        const heavy = withReadAccount(() => {
          heavyReads();
          return run('heavy', slow);
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        await Promise.all([run('next', 'SELECT 2'), heavy]);
      });
      expect(order).toEqual(['quick', 'next', 'heavy']);
    } finally {
      await pool.close();
    }
  });

  test('statements outside any request go in the order they came', async () => {
    const pool = startReadPool(t.path, 1);
    try {
      const order: number[] = [];
      await Promise.all([1, 2, 3, 4].map((n) => pool.query(`SELECT ${n}`, []).then(() => order.push(n))));
      expect(order).toEqual([1, 2, 3, 4]);
    } finally {
      await pool.close();
    }
  });
});

describe('a reader that dies', () => {
  const dyingReader = join(repoRoot, 'tests', 'fixtures', 'dying-reader.js');

  test('fails only the statement it was running; the pool replaces it', async () => {
    const pool = startReadPool(t.path, 2, { workerFile: dyingReader });
    try {
      const settle = (q: string) => pool.query(q, []).then((value) => ({ value }), (err: Error) => ({ error: err.message, cause: err.cause }));
      const settled = await Promise.all([settle('die'), settle('fine')]);
      expect(settled).toEqual([{ error: 'A read worker stopped (reader bug) while running this statement', cause: new Error('reader bug') }, { value: { names: ['sql'], rows: [['fine']] } }]);
      expect((await Promise.all(['a', 'b', 'c'].map((q) => pool.query(q, [])))).map((r) => r.rows)).toEqual([[['a']], [['b']], [['c']]]);
      await vi.waitFor(() => expect(pool.workers).toHaveLength(2));
    } finally {
      await pool.close();
    }
  });

  test('when it cannot open the database, fails the statements waiting with the reason, and the next one tries again', async () => {
    const pool = startReadPool('/proc/no-such-dir/charlens.db', 2);
    try {
      await expect(pool.query('SELECT 1', [])).rejects.toThrow(/A read worker could not open the database \(.+\)/);
      await expect(pool.query('SELECT 1', [])).rejects.toThrow(/A read worker could not open the database \(.+\)/);
    } finally {
      await pool.close();
    }
  });
});

describe('where the read pool does not apply', () => {
  test('a memory database, or readWorkers 0, reads on the main connection', async () => {
    const memory = await createDb('file::memory:');
    expect(memory.readers).toBeNull();
    await memory.write((db) => db.insert(models).values({ id: newId(), name: 'in-memory', createdAt: 0 }));
    expect(await memory.db.select({ name: models.name }).from(models)).toEqual([{ name: 'in-memory' }]);
    await memory.close();
    const none = await createDb(t.url, { readWorkers: 0 });
    expect(none.readers).toBeNull();
    expect(await none.db.select({ name: models.name }).from(models).where(eq(models.name, 'ryw-0'))).toEqual([{ name: 'ryw-0' }]);
    await none.close();
  });
});
