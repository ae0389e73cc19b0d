import { createApp } from '../../server/app.ts';
import { createApiToken, createUser } from '../../server/auth/users.ts';
import { defaultLimits, type Limits } from '../../server/env.ts';
import { silentLogger, type Logger } from '../../server/lib/logger.ts';
import type { Database } from '../../db/client.ts';
import type { JudgeDeps } from '../../server/judge/deps.ts';
import { ensureTraitValues } from '../../server/aggregate/refresh.ts';
import type { FormatRegistry } from '../../server/ingest/formats/registry.ts';
import type { AppSecurity } from '../../server/context.ts';
import { createContractChecker } from './contract.ts';
import { createTestDb } from './db.ts';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The real app on a real temp database, with an admin and an admin token ready. */
export async function createTestApp(
  options: {
    limits?: Partial<Limits>;
    setupToken?: string | null;
    webDir?: string;
    formats?: FormatRegistry;
    security?: AppSecurity;
    labelLeaseMs?: number;
    /** Silent unless given: a test that wants the stack of an unhandled error passes its own. */
    logger?: Logger;
    /** The judge's routes answer 422 without it; built on the test database once it exists. */
    judge?: (database: Database) => Promise<JudgeDeps>;
  } = {},
) {
  const testDb = await createTestDb();
  const { database } = testDb;
  await ensureTraitValues(database);
  const admin = await createUser(database, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, null);
  const { token } = await createApiToken(database, { userId: admin.id, name: 'test', scopes: ['admin'] });
  const setup = { token: options.setupToken ?? null };
  const app = createApp({
    database,
    limits: { ...defaultLimits, ...options.limits },
    logger: options.logger ?? silentLogger,
    spoolDir: testDb.dir,
    setup,
    webDir: options.webDir,
    ...(options.formats ? { formats: options.formats } : {}),
    ...options.security,
    ...(options.labelLeaseMs ? { labelLeaseMs: options.labelLeaseMs } : {}),
    ...(options.judge ? { judge: await options.judge(database) } : {}),
  });
  // Every response a test receives is checked against the served OpenAPI document (tests/helpers/contract.ts).
  const document: unknown = await (await app.request('/api/v1/openapi.json')).json();
  const contract = createContractChecker(document);
  const request = app.request;
  app.request = async (input, init, env, executionCtx) => {
    const response = await request(input, init, env, executionCtx);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    await contract.check(method, url, response);
    return response;
  };
  const auth = { authorization: `Bearer ${token}` };
  return {
    app,
    database,
    admin,
    token,
    setup,
    dir: testDb.dir,
    url: testDb.url,
    cleanup: testDb.cleanup,
    /** A request with the admin token. */
    request: (path: string, init: RequestInit = {}) =>
      app.request(path, { ...init, headers: { ...auth, ...Object.fromEntries(new Headers(init.headers)) } }),
    /** POST an NDJSON body (string or bytes) to the batch endpoint. */
    upload: (body: BodyInit, query = '', headers: Record<string, string> = {}) =>
      app.request(`/api/v1/transcripts/batch${query}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-ndjson', ...headers },
        body,
      }),
    count: async (table: string): Promise<number> => {
      const result = await database.client.execute(`SELECT count(*) AS n FROM ${table}`);
      return Number(result.rows[0]?.['n']);
    },
  };
}
