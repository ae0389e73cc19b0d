import { api, call } from './client.ts';

/** The settings pages' calls: who I am and what I may do, users (admin), API tokens, the audit log, my password. */

/** `/auth/me` in full: the user, and the scopes this session has (its role's), which bound a new token's scopes. */
export function getAccess() {
  return call(() => api.auth.me.$get());
}

export async function listUsers() {
  return (await call(() => api.users.$get())).items;
}

export async function createUser(input: { email: string; password: string; role: Role }) {
  return (await call(() => api.users.$post({ json: input }))).user;
}

/** One change at a time from the pages; the server also ends the user's sessions on a disable or a reset. */
export async function updateUser(id: string, change: { role?: Role; disabled?: boolean; password?: string }) {
  return (await call(() => api.users[':id'].$patch({ param: { id }, json: change }))).user;
}

/** Your own tokens, or (admins, `all`) everyone's with the owner's email. */
export async function listTokens(all: boolean) {
  return (await call(() => api.tokens.$get({ query: all ? { all: 'true' } : {} }))).items;
}

export function createToken(name: string, scopes: TokenScope[]) {
  return call(() => api.tokens.$post({ json: { name, scopes } }));
}

export async function revokeToken(id: string) {
  await call(() => api.tokens[':id'].$delete({ param: { id } }));
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first: the entries older than `cursor` (the previous page's nextCursor). */
export function listAudit(options: { action?: string | undefined; cursor?: string | undefined }) {
  return call(() => api.audit.$get({ query: { action: options.action || undefined, cursor: options.cursor, limit: String(AUDIT_PAGE_SIZE) } }));
}

export async function changePassword(currentPassword: string, newPassword: string) {
  await call(() => api.auth.password.$post({ json: { currentPassword, newPassword } }));
}

export type Access = Awaited<ReturnType<typeof getAccess>>;
export type Role = Access['user']['role'];
export type TokenScope = Access['scopes'][number];
export type UserItem = Awaited<ReturnType<typeof listUsers>>[number];
export type TokenItem = Awaited<ReturnType<typeof listTokens>>[number];
export type CreatedToken = Awaited<ReturnType<typeof createToken>>;
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;
export type AuditEntry = AuditPage['items'][number];
