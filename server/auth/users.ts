import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { apiTokens, auditLog, users, type Role } from '../../db/schema/index.ts';
import { Conflict } from '../lib/errors.ts';
import { hashPassword, hashSecret, newSecret } from './secrets.ts';

export const MIN_PASSWORD_LENGTH = 8;

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
}

export async function createUser(
  database: Database,
  input: { email: string; password: string; role: Role },
  actorId: string | null,
): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return database.write(async (db) => {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new Conflict(`A user with email ${email} already exists`);
    const user = { id: newId(), email, role: input.role };
    await db.batch([
      db.insert(users).values({ ...user, passwordHash, createdAt: Date.now() }),
      db.insert(auditLog).values({ id: newId(), userId: actorId, action: 'user.create', target: user.id, details: { email, role: input.role }, createdAt: Date.now() }),
    ]);
    return user;
  });
}

/** Scopes an API token may carry. `admin` implies the others. */
export const tokenScopes = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Creates an API token for a user; `secret` lets the headless first start choose the exact value. */
export async function createApiToken(
  database: Database,
  input: { userId: string; name: string; scopes: TokenScope[]; secret?: string },
): Promise<{ id: string; name: string; token: string; scopes: TokenScope[] }> {
  const token = input.secret ?? newSecret('clt');
  const id = newId();
  await database.write(async (db) => {
    await db.batch([
      db.insert(apiTokens).values({ id, name: input.name, tokenHash: hashSecret(token), userId: input.userId, scopes: input.scopes, createdAt: Date.now() }),
      db.insert(auditLog).values({ id: newId(), userId: input.userId, action: 'token.create', target: id, details: { name: input.name, scopes: input.scopes }, createdAt: Date.now() }),
    ]);
  });
  return { id, name: input.name, token, scopes: input.scopes };
}
