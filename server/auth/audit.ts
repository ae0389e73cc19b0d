import type { Database, Tx, WriteDb } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { auditLog, type Json } from '../../db/schema/index.ts';

/** What the audit log records: who did it (null for the system), what, on what, with which details. */
export interface AuditEntry {
  userId: string | null;
  action: string;
  target?: string | null | undefined;
  details?: { [key: string]: Json };
}

/** Appends an audit entry inside the caller's write (transaction or queued write). */
export async function recordAudit(tx: Tx | WriteDb, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({ id: newId(), userId: entry.userId, action: entry.action, target: entry.target ?? null, details: entry.details ?? {}, createdAt: Date.now() });
}

/** Records what the signed-in caller of a request did, through the write queue. */
export async function auditCaller(c: { var: { deps: { database: { write: Database['write'] } }; user: { id: string } } }, entry: Omit<AuditEntry, 'userId'>): Promise<void> {
  await c.var.deps.database.write((db) => recordAudit(db, { userId: c.var.user.id, ...entry }));
}
