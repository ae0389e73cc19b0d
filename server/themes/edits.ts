import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { themeEdits, themeItems, themeRuns, themes, type Json, type ThemeEditKind } from '../../db/schema/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { Conflict, NotFound, ValidationFailed } from '../lib/errors.ts';
import { storedString } from '../lib/text.ts';
import { idSchema } from '../schemas/common.ts';

/**
 * A researcher's edits of a run's themes. Each is recorded as what it was (a `theme_edits` row and an audit
 * entry, in the same transaction as its effect); renamed, merged-into and split themes become curated, so the
 * next version keeps their wording, and moved items are assigned by the researcher, so the next version keeps
 * them where they were put (advance.ts).
 */

export const renameBody = z
  .object({
    name: storedString({ max: 120, trim: true }).optional(),
    description: storedString({ max: 2000, trim: true }).optional(),
    inclusionCriteria: storedString({ max: 2000, trim: true }).optional(),
  })
  .refine((b) => b.name !== undefined || b.description !== undefined || b.inclusionCriteria !== undefined, { message: 'give name, description or inclusionCriteria', path: ['name'] });

export const mergeBody = z.object({ into: idSchema.describe('The theme of the same run that takes over this one and its items') });

export const splitBody = z.object({
  name: storedString({ max: 120, trim: true }),
  description: storedString({ max: 2000, trim: true }),
  inclusionCriteria: storedString({ max: 2000, trim: true }),
  itemIds: z.array(idSchema).min(1, 'name at least one item to move to the new theme').max(5000).describe('Items of this theme that go to the new one'),
});

export const moveBody = z.object({ themeId: idSchema.nullable().describe('The theme of the same run the item goes to; null for "other"') });

interface Caller {
  userId: string;
}

async function editable(tx: Tx, themeId: string) {
  const [t] = await tx.select().from(themes).where(eq(themes.id, themeId));
  if (!t) throw new NotFound(`No theme ${themeId}`);
  if (t.status !== 'active') throw new Conflict(`Theme ${t.name} was merged into another theme; edit that one`);
  const [run] = await tx.select({ phase: themeRuns.phase }).from(themeRuns).where(eq(themeRuns.id, t.runId));
  if (run?.phase !== 'done') throw new Conflict('The run is still finding themes; edit them once it is done');
  return t;
}

async function record(tx: Tx, caller: Caller, runId: string, kind: ThemeEditKind, themeId: string | null, details: { [key: string]: Json }, now: number) {
  await tx.insert(themeEdits).values({ id: newId(), runId, kind, themeId, details, userId: caller.userId, createdAt: now });
  await recordAudit(tx, { userId: caller.userId, action: `themes.edit.${kind}`, target: themeId ?? runId, details: { runId, ...details } });
}

async function nameTaken(tx: Tx, runId: string, name: string, except: string | null) {
  const rows = await tx.select({ id: themes.id }).from(themes).where(and(eq(themes.runId, runId), eq(themes.status, 'active'), sql`lower(${themes.name}) = lower(${name})`));
  return rows.some((r) => r.id !== except);
}

export async function renameTheme(database: Database, caller: Caller, themeId: string, body: z.infer<typeof renameBody>) {
  return database.write((db) =>
    db.transaction(async (tx) => {
      const t = await editable(tx, themeId);
      if (body.name && (await nameTaken(tx, t.runId, body.name, t.id))) throw new Conflict(`Another theme of this run is called ${body.name}`);
      const now = Date.now();
      const to = { name: body.name ?? t.name, description: body.description ?? t.description, inclusionCriteria: body.inclusionCriteria ?? t.inclusionCriteria };
      await tx.update(themes).set({ ...to, curated: true, updatedAt: now }).where(eq(themes.id, t.id));
      await record(tx, caller, t.runId, 'rename', t.id, { from: { name: t.name, description: t.description, inclusionCriteria: t.inclusionCriteria }, to }, now);
      return { id: t.id };
    }),
  );
}

export async function mergeTheme(database: Database, caller: Caller, themeId: string, intoId: string) {
  if (themeId === intoId) throw new ValidationFailed('A theme cannot be merged into itself', [{ field: 'into', message: 'same theme' }]);
  return database.write((db) =>
    db.transaction(async (tx) => {
      const t = await editable(tx, themeId);
      const into = await editable(tx, intoId);
      if (into.runId !== t.runId) throw new ValidationFailed('into must be a theme of the same run', [{ field: 'into', message: 'another run' }]);
      const now = Date.now();
      const moved = await tx.update(themeItems).set({ themeId: into.id }).where(and(eq(themeItems.runId, t.runId), eq(themeItems.themeId, t.id))).returning({ id: themeItems.id });
      await tx.update(themes).set({ status: 'merged', mergedIntoId: into.id, updatedAt: now }).where(eq(themes.id, t.id));
      await tx.update(themes).set({ curated: true, updatedAt: now }).where(eq(themes.id, into.id));
      await record(tx, caller, t.runId, 'merge', t.id, { name: t.name, into: into.id, intoName: into.name, items: moved.length }, now);
      return { id: into.id, moved: moved.length };
    }),
  );
}

export async function splitTheme(database: Database, caller: Caller, themeId: string, body: z.infer<typeof splitBody>) {
  return database.write((db) =>
    db.transaction(async (tx) => {
      const t = await editable(tx, themeId);
      if (await nameTaken(tx, t.runId, body.name, null)) throw new Conflict(`A theme of this run is already called ${body.name}`);
      const ids = [...new Set(body.itemIds)];
      const members = await tx.select({ id: themeItems.id }).from(themeItems).where(and(eq(themeItems.runId, t.runId), eq(themeItems.themeId, t.id), inArray(themeItems.id, ids)));
      if (members.length !== ids.length) {
        const found = new Set(members.map((m) => m.id));
        throw new ValidationFailed(`Not items of theme ${t.name}: ${ids.filter((id) => !found.has(id)).slice(0, 5).join(', ')}`, [{ field: 'itemIds', message: 'not in this theme' }]);
      }
      const now = Date.now();
      const [count] = await tx.select({ n: sql<number>`count(*)` }).from(themes).where(eq(themes.runId, t.runId));
      const id = newId();
      await tx.insert(themes).values({ id, runId: t.runId, ref: `T${Number(count?.n ?? 0) + 1}`, name: body.name, description: body.description, inclusionCriteria: body.inclusionCriteria, origin: 'split', curated: true, createdAt: now, updatedAt: now });
      await tx.update(themeItems).set({ themeId: id, assignedBy: 'researcher', confidence: null, assignedAt: now }).where(inArray(themeItems.id, ids));
      await tx.update(themes).set({ curated: true, updatedAt: now }).where(eq(themes.id, t.id));
      await record(tx, caller, t.runId, 'split', t.id, { from: t.id, fromName: t.name, newTheme: id, name: body.name, items: ids.length }, now);
      return { id, moved: ids.length };
    }),
  );
}

export async function moveItem(database: Database, caller: Caller, runId: string, itemId: string, themeId: string | null) {
  return database.write((db) =>
    db.transaction(async (tx) => {
      const [item] = await tx.select().from(themeItems).where(and(eq(themeItems.runId, runId), eq(themeItems.id, itemId)));
      if (!item) throw new NotFound(`No item ${itemId} in theme run ${runId}`);
      const [run] = await tx.select({ phase: themeRuns.phase }).from(themeRuns).where(eq(themeRuns.id, runId));
      if (run?.phase !== 'done') throw new Conflict('The run is still finding themes; move items once it is done');
      let toName: string | null = null;
      if (themeId !== null) {
        const target = await editable(tx, themeId);
        if (target.runId !== runId) throw new ValidationFailed('themeId must be a theme of the same run', [{ field: 'themeId', message: 'another run' }]);
        toName = target.name;
      }
      const [from] = item.themeId ? await tx.select({ name: themes.name }).from(themes).where(eq(themes.id, item.themeId)) : [];
      const now = Date.now();
      await tx.update(themeItems).set({ themeId, assignedBy: 'researcher', confidence: null, assignedAt: now }).where(eq(themeItems.id, item.id));
      await record(tx, caller, runId, 'move', themeId, { item: item.id, ref: item.ref, from: item.themeId, fromName: from?.name ?? 'other', to: themeId, toName: toName ?? 'other' }, now);
      return { id: item.id, themeId };
    }),
  );
}
