import { and, eq, isNull } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema/index.ts';
import { tokenScopes, type TokenScope } from '../auth/access.ts';
import { recordAudit } from '../auth/audit.ts';
import { createApiToken, createUser, scopesAllowed } from '../auth/users.ts';
import { readEnv, type Env } from '../env.ts';
import { fail } from './fail.ts';

// The commands that open the local database (`charlens token …`, `charlens user add`), loaded only for them:
// an upload from a script starts without libSQL and drizzle.

export async function tokenCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string', default: 'cli' }, scopes: { type: 'string', default: 'read,ingest,judge' } },
  });
  if (!values.email) return fail('token create needs --email of an existing user');
  const scopes = values.scopes.split(',').map((s) => s.trim());
  const bad = scopes.filter((s) => !tokenScopes.some((t) => t === s));
  if (bad.length) return fail(`unknown scope ${bad.join(', ')}: use ${tokenScopes.join(', ')}`);
  const env = readEnv();
  const database = await openLocalDb(env);
  try {
    const [user] = await database.db.select().from(users).where(eq(users.email, values.email.toLowerCase()));
    if (!user) return fail(`no user ${values.email} in ${env.databaseUrl}`);
    const beyond = scopesAllowed(user.role, scopes.filter(isScope));
    if (beyond) return fail(`a ${user.role} cannot hold a token with the "${beyond}" scope`);
    const created = await createApiToken(database, { userId: user.id, name: values.name, scopes: scopes.filter(isScope) });
    process.stdout.write(`${created.token}\n`);
    process.stderr.write(`Token "${created.name}" (${created.scopes.join(', ')}) for ${user.email}. It is shown only now.\n`);
    return 0;
  } finally {
    database.close();
  }
}

/** The database of a one-off command: no concurrent requests to keep the event loop free for, so no read workers. */
function openLocalDb(env: Env) {
  return createDb(env.databaseUrl, { authToken: env.databaseAuthToken, readWorkers: 0 });
}

async function withLocalDb<T>(task: (database: Awaited<ReturnType<typeof createDb>>, url: string) => Promise<T>): Promise<T> {
  const env = readEnv();
  const database = await openLocalDb(env);
  try {
    return await task(database, env.databaseUrl);
  } finally {
    database.close();
  }
}

export async function tokenList(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  return withLocalDb(async (database) => {
    const rows = await database.db
      .select({ id: apiTokens.id, name: apiTokens.name, email: users.email, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(isNull(apiTokens.revokedAt), values.email ? eq(users.email, values.email.toLowerCase()) : undefined))
      .orderBy(apiTokens.createdAt);
    const day = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
    for (const r of rows) process.stdout.write(`${r.id}  ${r.email}  ${r.name}  [${r.scopes.join(',')}]  created ${day(r.createdAt)}  last used ${day(r.lastUsedAt)}\n`);
    if (!rows.length) process.stdout.write('No active tokens.\n');
    return 0;
  });
}

export async function tokenRevoke(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [id] = positionals;
  if (!id) return fail('token revoke needs the token id (see `charlens token list`)');
  return withLocalDb(async (database) => {
    const revoked = await database.write((db) =>
      db.transaction(async (tx) => {
        const done = await tx.update(apiTokens).set({ revokedAt: Date.now() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id, userId: apiTokens.userId });
        if (done.length) await recordAudit(tx, { userId: null, action: 'token.revoke', target: id, details: { by: 'cli' } });
        return done.length > 0;
      }),
    );
    if (!revoked) return fail(`no active token ${id}`);
    process.stdout.write(`Revoked ${id}\n`);
    return 0;
  });
}

export async function userAdd(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } } });
  const role = values.role;
  if (!values.email || !values.password || (role !== 'admin' && role !== 'researcher' && role !== 'labeler')) {
    return fail('user add needs --email, --password and --role admin|researcher|labeler');
  }
  const env = readEnv();
  const database = await openLocalDb(env);
  try {
    const user = await createUser(database, { email: values.email, password: values.password, role }, null);
    process.stdout.write(`Added ${user.email} (${user.role})\n`);
    return 0;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  } finally {
    database.close();
  }
}

function isScope(s: string): s is TokenScope {
  return tokenScopes.some((t) => t === s);
}
