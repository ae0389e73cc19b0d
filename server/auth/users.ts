import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { apiTokens, users, type Role } from '../../db/schema/index.ts';
import { Conflict, Forbidden, NotFound } from '../lib/errors.ts';
import { roleScopes, type TokenScope } from './access.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, hashSecret, newSecret } from './secrets.ts';
import { endSessionsOf } from './sessions.ts';

export const MIN_PASSWORD_LENGTH = 10;

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
}

export async function createUser(database: Database, input: { email: string; password: string; role: Role }, actorId: string | null): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return database.write(async (db) => {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new Conflict(`A user with email ${email} already exists`);
    const user = { id: newId(), email, role: input.role };
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ ...user, passwordHash, createdAt: Date.now() });
      await recordAudit(tx, { userId: actorId, action: 'user.create', target: user.id, details: { email, role: input.role } });
    });
    return user;
  });
}

/**
 * An admin's change to a user: role, disabled or not, a new password. Disabling or resetting the password
 * ends the user's sessions (and a disabled user's tokens stop working); every change is audited.
 */
export async function updateUser(
  database: Database,
  id: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined },
  actorId: string,
): Promise<PublicUser & { disabled: boolean }> {
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return database.write((db) =>
    db.transaction(async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, id));
      if (!user) throw new NotFound(`No user ${id}`);
      if (id === actorId && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
        throw new Forbidden('You cannot disable yourself or take away your own admin role: ask another admin');
      }
      if (id === actorId && change.password !== undefined) {
        throw new Forbidden('Change your own password under Change password (it keeps this session); a reset here is for other users');
      }
      const disabledAt = change.disabled === undefined ? user.disabledAt : change.disabled ? (user.disabledAt ?? Date.now()) : null;
      await tx
        .update(users)
        .set({ role: change.role ?? user.role, disabledAt, ...(passwordHash ? { passwordHash } : {}) })
        .where(eq(users.id, id));
      if (change.disabled || passwordHash) await endSessionsOf(tx, id);
      const details: { [key: string]: string | boolean } = {};
      if (change.role !== undefined && change.role !== user.role) details['role'] = `${user.role} → ${change.role}`;
      if (change.disabled !== undefined) details['disabled'] = change.disabled;
      if (passwordHash) details['password'] = 'reset';
      await recordAudit(tx, { userId: actorId, action: 'user.update', target: id, details: { email: user.email, ...details } });
      return { id, email: user.email, role: change.role ?? user.role, disabled: disabledAt !== null };
    }),
  );
}

/** Creates an API token for a user; `secret` lets the headless first start choose the exact value. */
export async function createApiToken(
  database: Database,
  input: { userId: string; name: string; scopes: TokenScope[]; secret?: string },
): Promise<{ id: string; name: string; token: string; scopes: TokenScope[] }> {
  const token = input.secret ?? newSecret('clt');
  const id = newId();
  await database.write((db) =>
    db.transaction(async (tx) => {
      await tx.insert(apiTokens).values({ id, name: input.name, tokenHash: hashSecret(token), userId: input.userId, scopes: input.scopes, createdAt: Date.now() });
      await recordAudit(tx, { userId: input.userId, action: 'token.create', target: id, details: { name: input.name, scopes: input.scopes } });
    }),
  );
  return { id, name: input.name, token, scopes: input.scopes };
}

/** The scopes a role may put on a token: a token never carries more than its owner has. */
export function scopesAllowed(role: Role, scopes: readonly TokenScope[]): TokenScope | null {
  return scopes.find((s) => !roleScopes[role].includes(s)) ?? null;
}

/**
 * Revokes a token. Allowed for its owner signed in (a session), for the token itself, and for an admin; a token
 * cannot revoke its owner's other tokens (a leaked read token must not be able to cut off the others).
 */
export async function revokeToken(database: Database, tokenId: string, actor: { id: string; role: Role; via: 'session' | 'token'; tokenId?: string | undefined }): Promise<void> {
  await database.write((db) =>
    db.transaction(async (tx) => {
      const [token] = await tx
        .select({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name, owner: users.email })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
      const mayRevoke = token && (actor.role === 'admin' || (token.userId === actor.id && (actor.via === 'session' || actor.tokenId === token.id)));
      if (!token || !mayRevoke) throw new NotFound(`No active token ${tokenId} that you may revoke`);
      await tx.update(apiTokens).set({ revokedAt: Date.now() }).where(eq(apiTokens.id, tokenId));
      await recordAudit(tx, { userId: actor.id, action: 'token.revoke', target: tokenId, details: { name: token.name, owner: token.owner } });
    }),
  );
}
