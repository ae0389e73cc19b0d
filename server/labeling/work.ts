import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { comparisons, labelQueues, queueAssignments, queueItems, queueLabelers, rubricVersions, scores, traits, type QueueTrait } from '../../db/schema/index.ts';
import { refreshTraitValues } from '../aggregate/refresh.ts';
import { DEFAULT_LABEL_LEASE_MS } from '../env.ts';
import { createQuoteChecker } from '../lib/evidence.ts';
import { Conflict, NotFound, ValidationFailed } from '../lib/errors.ts';
import type { labelBody } from '../schemas/labeling.ts';
import { itemSide, messageTextsOf } from './item-view.ts';

export interface Labeler {
  id: string;
  email: string;
}

type Queue = typeof labelQueues.$inferSelect;
type Assignment = typeof queueAssignments.$inferSelect;

/** The queue, if this user labels it; else a 404 that does not say whether it exists. */
async function queueFor(db: Db, queueId: string, user: Labeler): Promise<Queue> {
  const [row] = await db
    .select({ queue: labelQueues })
    .from(labelQueues)
    .innerJoin(queueLabelers, and(eq(queueLabelers.queueId, labelQueues.id), eq(queueLabelers.userId, user.id)))
    .where(eq(labelQueues.id, queueId));
  if (!row) throw new NotFound(`No queue ${queueId} assigned to you`);
  return row.queue;
}

/**
 * The next item for a labeler, claimed with a lease: the one they hold if its lease runs, else the first item
 * (in the queue's shuffled order) they have not labeled that is not yet full — done labels and other labelers'
 * running leases count, expired leases do not. Checking and claiming happen in one write, so two labelers asking
 * at once never over-fill an item.
 */
export async function nextItem(database: Database, queueId: string, user: Labeler, leaseMs = DEFAULT_LABEL_LEASE_MS) {
  const queue = await queueFor(database.db, queueId, user);
  const claimed = await database.write((w) =>
    w.transaction(async (tx): Promise<Assignment | null> => {
      const now = Date.now();
      if (queue.status !== 'open') return null;
      const [held] = await tx
        .select()
        .from(queueAssignments)
        .where(and(eq(queueAssignments.queueId, queueId), eq(queueAssignments.userId, user.id), eq(queueAssignments.status, 'leased'), sql`${queueAssignments.leaseExpiresAt} > ${now}`))
        .limit(1);
      if (held) {
        await tx.update(queueAssignments).set({ leaseExpiresAt: now + leaseMs }).where(eq(queueAssignments.id, held.id));
        return { ...held, leaseExpiresAt: now + leaseMs };
      }
      const [free] = await tx.all<{ id: string }>(sql`
        SELECT i.id FROM queue_items i
        WHERE i.queue_id = ${queueId}
          AND NOT EXISTS (SELECT 1 FROM queue_assignments mine WHERE mine.item_id = i.id AND mine.user_id = ${user.id} AND mine.status = 'done')
          AND (SELECT count(*) FROM queue_assignments a WHERE a.item_id = i.id AND a.user_id != ${user.id}
                 AND (a.status = 'done' OR (a.status = 'leased' AND a.lease_expires_at > ${now}))) < ${queue.overlap}
        ORDER BY i.position LIMIT 1`);
      if (!free) return null;
      const [existing] = await tx.select().from(queueAssignments).where(and(eq(queueAssignments.itemId, free.id), eq(queueAssignments.userId, user.id)));
      if (existing) {
        await tx.update(queueAssignments).set({ status: 'leased', leaseExpiresAt: now + leaseMs }).where(eq(queueAssignments.id, existing.id));
        return { ...existing, status: 'leased', leaseExpiresAt: now + leaseMs };
      }
      // Pairwise sides in a random order per labeler, kept with the assignment (and with each verdict).
      const assignment: Assignment = {
        id: newId(),
        queueId,
        itemId: free.id,
        userId: user.id,
        status: 'leased',
        leaseExpiresAt: now + leaseMs,
        shownOrder: queue.pairwise ? (Math.random() < 0.5 ? 'ab' : 'ba') : null,
        startedAt: now,
        finishedAt: null,
        timeSpentMs: null,
      };
      await tx.insert(queueAssignments).values(assignment);
      return assignment;
    }),
  );
  return { queue, item: claimed ? await itemView(database.db, queue, claimed, user) : null, progress: await progressFor(database.db, queue, user) };
}

/** Keeps a lease alive while the labeling page is open. */
export async function renewLease(database: Database, queueId: string, itemId: string, user: Labeler, leaseMs = DEFAULT_LABEL_LEASE_MS): Promise<{ leaseExpiresAt: number }> {
  await queueFor(database.db, queueId, user);
  return database.write(async (w) => {
    const now = Date.now();
    const renewed = await w
      .update(queueAssignments)
      .set({ leaseExpiresAt: now + leaseMs })
      .where(and(eq(queueAssignments.itemId, itemId), eq(queueAssignments.userId, user.id), eq(queueAssignments.status, 'leased'), sql`${queueAssignments.leaseExpiresAt} > ${now}`))
      .returning({ id: queueAssignments.id });
    if (!renewed.length) throw new Conflict('You hold no running lease on this item: ask for the next item');
    return { leaseExpiresAt: now + leaseMs };
  }, { bookkeeping: true });
}

/** One labeler's progress in a queue: items they finished, items still open to them, and the queue's. */
export async function progressFor(db: Db, queue: Pick<Queue, 'id' | 'overlap'>, user: Pick<Labeler, 'id'>) {
  const [row] = await db.all<{ items: number; mine: number; complete: number; available: number }>(sql`
    SELECT count(*) AS items,
      sum(CASE WHEN EXISTS (SELECT 1 FROM queue_assignments a WHERE a.item_id = i.id AND a.user_id = ${user.id} AND a.status = 'done') THEN 1 ELSE 0 END) AS mine,
      sum(CASE WHEN (SELECT count(*) FROM queue_assignments a WHERE a.item_id = i.id AND a.status = 'done') >= ${queue.overlap} THEN 1 ELSE 0 END) AS complete,
      sum(CASE WHEN NOT EXISTS (SELECT 1 FROM queue_assignments a WHERE a.item_id = i.id AND a.user_id = ${user.id} AND a.status = 'done')
                AND (SELECT count(*) FROM queue_assignments a WHERE a.item_id = i.id AND a.status = 'done') < ${queue.overlap} THEN 1 ELSE 0 END) AS available
    FROM queue_items i WHERE i.queue_id = ${queue.id}`);
  return { items: Number(row?.items ?? 0), mine: Number(row?.mine ?? 0), complete: Number(row?.complete ?? 0), available: Number(row?.available ?? 0) };
}

/** The queue as its labelers see it: name, instructions and each trait with the rubric text of its version. */
export async function queueView(db: Db, queue: Queue) {
  const out = [];
  for (const t of queue.traits) {
    const [trait] = await db.select().from(traits).where(eq(traits.id, t.traitId));
    const [version] = t.rubricVersionId ? await db.select().from(rubricVersions).where(eq(rubricVersions.id, t.rubricVersionId)) : [];
    const naWhen = version?.frontMatter['not_applicable_when'];
    out.push({
      slug: t.slug,
      title: trait?.title ?? t.slug,
      scale: trait?.scale ?? null,
      rubricVersionId: t.rubricVersionId,
      rubric: version?.body ?? null,
      notApplicableWhen: typeof naWhen === 'string' ? naWhen : null,
    });
  }
  return { id: queue.id, name: queue.name, instructions: queue.instructions, blind: queue.blind, pairwise: queue.pairwise, traits: out };
}

/** My live labels on an item: value, N/A or pairwise winner by trait (never anyone else's). */
async function myLabels(db: Db, queue: Queue, itemId: string, user: Labeler, shownOrder: 'ab' | 'ba' | null) {
  const slugOf = new Map(queue.traits.map((t) => [t.traitId, t.slug]));
  if (queue.pairwise) {
    const rows = await db.select().from(comparisons).where(and(eq(comparisons.queueItemId, itemId), eq(comparisons.labeler, user.email)));
    const superseded = new Set(rows.map((r) => r.supersedes).filter((s): s is string => s !== null));
    return rows
      .filter((r) => r.status === 'valid' && !superseded.has(r.id))
      .map((r) => {
        const firstIsA = shownOrder !== 'ba';
        const winner = r.winner === 'tie' ? ('tie' as const) : (r.winner === 'a') === firstIsA ? ('first' as const) : ('second' as const);
        return { trait: slugOf.get(r.traitId) ?? '', value: null, na: false, winner };
      });
  }
  const rows = await db.select().from(scores).where(and(eq(scores.queueItemId, itemId), eq(scores.labeler, user.email), eq(scores.adjudicated, false)));
  const superseded = new Set(rows.map((r) => r.supersedes).filter((s): s is string => s !== null));
  return rows
    .filter((r) => r.status === 'valid' && !superseded.has(r.id))
    .map((r) => ({ trait: slugOf.get(r.traitId) ?? '', value: r.value ?? r.category, na: r.value === null && r.category === null, winner: null }));
}

async function itemView(db: Db, queue: Queue, assignment: Assignment, user: Labeler) {
  const [item] = await db.select().from(queueItems).where(eq(queueItems.id, assignment.itemId));
  if (!item) throw new NotFound('The item is gone');
  const [firstId, secondId] = assignment.shownOrder === 'ba' && item.transcriptBId ? [item.transcriptBId, item.transcriptId] : [item.transcriptId, item.transcriptBId];
  return {
    id: item.id,
    pairwise: queue.pairwise,
    first: await itemSide(db, firstId, queue),
    second: secondId ? await itemSide(db, secondId, queue) : null,
    leaseExpiresAt: new Date(assignment.leaseExpiresAt ?? Date.now()).toISOString(),
    myLabels: await myLabels(db, queue, item.id, user, assignment.shownOrder),
  };
}

type LabelBody = z.infer<typeof labelBody>;

function checkValue(trait: typeof traits.$inferSelect, value: number | string): { value: number | null; category: string | null } {
  const scale = trait.scale;
  if (scale?.kind === 'numeric') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < scale.min || value > scale.max) {
      throw new ValidationFailed(`${trait.slug} takes a whole number from ${scale.min} to ${scale.max}`, [{ field: 'value', message: `out of scale ${scale.min}–${scale.max}` }]);
    }
    return { value, category: null };
  }
  if (scale?.kind === 'boolean') {
    if (value !== 0 && value !== 1) throw new ValidationFailed(`${trait.slug} takes 0 or 1`, [{ field: 'value', message: 'not 0 or 1' }]);
    return { value, category: null };
  }
  if (scale?.kind === 'categorical') {
    if (typeof value !== 'string' || !scale.categories.includes(value)) {
      throw new ValidationFailed(`${trait.slug} takes one of ${scale.categories.join(', ')}`, [{ field: 'value', message: 'not a category of the scale' }]);
    }
    return { value: null, category: value };
  }
  throw new ValidationFailed(`${trait.slug} has no scale to label on`);
}

/**
 * A label on an item: a score with source human (a comparison for a pairwise queue) naming the labeler, queue,
 * item and rubric version shown, its evidence checked like the judge's. Refused on an item not assigned to the
 * caller, on an expired lease, for a trait the queue does not ask, twice for one trait, or out of scale.
 */
export async function submitLabel(database: Database, queueId: string, itemId: string, user: Labeler, body: LabelBody, leaseMs = DEFAULT_LABEL_LEASE_MS) {
  const { db } = database;
  const queue = await queueFor(db, queueId, user);
  const queueTrait: QueueTrait | undefined = queue.traits.find((t) => t.slug === body.trait);
  if (!queueTrait) throw new ValidationFailed(`This queue does not ask for ${body.trait}: it asks for ${queue.traits.map((t) => t.slug).join(', ')}`, [{ field: 'trait', message: 'not in the queue' }]);
  const [trait] = await db.select().from(traits).where(eq(traits.id, queueTrait.traitId));
  if (!trait) throw new NotFound(`No trait ${body.trait}`);
  if (queue.pairwise !== (body.winner !== undefined)) {
    throw new ValidationFailed(queue.pairwise ? 'A pairwise queue takes a winner: first, second or tie' : 'This queue takes a value or na, not a winner', [{ field: queue.pairwise ? 'winner' : 'value', message: 'wrong kind of label' }]);
  }
  const checked = body.value !== undefined ? checkValue(trait, body.value) : { value: null, category: null };
  const [item] = await db.select().from(queueItems).where(and(eq(queueItems.id, itemId), eq(queueItems.queueId, queueId)));
  if (!item) throw new NotFound(`No item ${itemId} in this queue`);
  const sides = [item.transcriptId, item.transcriptBId].filter((id): id is string => id !== null);
  const texts = await messageTextsOf(db, sides);
  return database.write((w) =>
    w.transaction(async (tx) => {
      const now = Date.now();
      const [assignment] = await tx.select().from(queueAssignments).where(and(eq(queueAssignments.itemId, itemId), eq(queueAssignments.userId, user.id)));
      if (!assignment) throw new Conflict('This item is not assigned to you: ask for the next item');
      if (assignment.status === 'leased' && (assignment.leaseExpiresAt ?? 0) <= now) throw new Conflict('Your lease on this item expired and it went back to the pool: ask for the next item');
      const firstId = assignment.shownOrder === 'ba' && item.transcriptBId ? item.transcriptBId : item.transcriptId;
      const secondId = firstId === item.transcriptId ? item.transcriptBId : item.transcriptId;
      const existing = await myLabels(tx, queue, itemId, user, assignment.shownOrder);
      if (existing.some((l) => l.trait === body.trait)) throw new Conflict(`You already labeled ${body.trait} on this item; undo it first to change it`);
      const checkers = new Map(sides.map((id) => [id, createQuoteChecker(texts.get(id) ?? [])]));
      const evidence = [];
      for (const e of body.evidence) {
        const transcriptId = e.side === 'second' ? secondId : firstId;
        const isQuoted = transcriptId ? checkers.get(transcriptId) : undefined;
        evidence.push({ message_index: e.message_index, quote: e.quote, verified: isQuoted ? await isQuoted(e.quote, e.message_index) : false });
      }
      const labelId = newId();
      if (queue.pairwise) {
        const firstIsA = assignment.shownOrder !== 'ba';
        const winner = body.winner === 'tie' ? 'tie' : (body.winner === 'first') === firstIsA ? 'a' : 'b';
        await tx.insert(comparisons).values({
          id: labelId,
          transcriptA: item.transcriptId,
          transcriptB: item.transcriptBId ?? item.transcriptId,
          traitId: trait.id,
          rubricVersionId: queueTrait.rubricVersionId,
          source: 'human',
          winner,
          shownOrder: assignment.shownOrder ?? 'ab',
          rationale: body.comment ?? null,
          labeler: user.email,
          labelQueueId: queueId,
          queueItemId: itemId,
          createdAt: now,
        });
      } else {
        await tx.insert(scores).values({
          id: labelId,
          transcriptId: item.transcriptId,
          traitId: trait.id,
          rubricVersionId: queueTrait.rubricVersionId,
          source: 'human',
          status: 'valid',
          value: checked.value,
          category: checked.category,
          naReason: body.na ? 'not applicable (labeler)' : null,
          evidence,
          rationale: body.comment ?? null,
          labeler: user.email,
          labelQueueId: queueId,
          queueItemId: itemId,
          createdAt: now,
        });
        await refreshTraitValues(tx, [{ transcriptId: item.transcriptId, traitId: trait.id }]);
      }
      const labeled = new Set([...existing.map((l) => l.trait), body.trait]);
      const itemDone = queue.traits.every((t) => labeled.has(t.slug));
      await tx
        .update(queueAssignments)
        .set(itemDone ? { status: 'done', finishedAt: now, timeSpentMs: now - assignment.startedAt, leaseExpiresAt: null } : { leaseExpiresAt: now + leaseMs })
        .where(eq(queueAssignments.id, assignment.id));
      return { itemDone, labelId };
    }),
  );
}

/** Undoes the caller's latest label on an item: a `withdrawn` row that supersedes it (never a delete); the item is theirs again. */
export async function undoLabel(database: Database, queueId: string, itemId: string, user: Labeler, leaseMs = DEFAULT_LABEL_LEASE_MS) {
  const queue = await queueFor(database.db, queueId, user);
  return database.write((w) =>
    w.transaction(async (tx) => {
      const now = Date.now();
      const [assignment] = await tx.select().from(queueAssignments).where(and(eq(queueAssignments.itemId, itemId), eq(queueAssignments.userId, user.id)));
      if (!assignment) throw new Conflict('This item is not assigned to you');
      const table = queue.pairwise ? comparisons : scores;
      const rows = await tx.select({ id: table.id, status: table.status, supersedes: table.supersedes, traitId: table.traitId }).from(table).where(and(eq(table.queueItemId, itemId), eq(table.labeler, user.email))).orderBy(desc(table.id));
      const superseded = new Set(rows.map((r) => r.supersedes).filter((s): s is string => s !== null));
      const last = rows.find((r) => r.status === 'valid' && !superseded.has(r.id));
      if (!last) throw new Conflict('You have no label on this item to undo');
      const [original] = queue.pairwise ? await tx.select().from(comparisons).where(eq(comparisons.id, last.id)) : [];
      if (queue.pairwise && original) {
        await tx.insert(comparisons).values({ ...original, id: newId(), status: 'withdrawn', supersedes: last.id, createdAt: now });
      } else {
        const [score] = await tx.select().from(scores).where(eq(scores.id, last.id));
        if (!score) throw new NotFound('The label is gone');
        await tx.insert(scores).values({ ...score, id: newId(), status: 'withdrawn', value: null, category: null, evidence: [], supersedes: last.id, createdAt: now });
        await refreshTraitValues(tx, [{ transcriptId: score.transcriptId, traitId: score.traitId }]);
      }
      await tx.update(queueAssignments).set({ status: 'leased', finishedAt: null, leaseExpiresAt: now + leaseMs }).where(eq(queueAssignments.id, assignment.id));
      const slug = queue.traits.find((t) => t.traitId === last.traitId)?.slug ?? '';
      return { withdrawn: last.id, trait: slug };
    }),
  );
}
