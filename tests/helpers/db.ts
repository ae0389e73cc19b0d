import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '../../db/client.ts';

/**
 * A real SQLite file in a fresh temp folder with the real migrations applied, read through the server's read
 * workers as in production. (libSQL opens a new connection per transaction, so `:memory:` would come back
 * empty, and worker threads cannot share a memory database.)
 */
export async function createTestDb(): Promise<{ database: Database; dir: string; path: string; url: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'charlens-test-'));
  const path = join(dir, 'test.db');
  const url = `file:${path}`;
  const database = await createDb(url);
  return {
    database,
    dir,
    path,
    url,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
