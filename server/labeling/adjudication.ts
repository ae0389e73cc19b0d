import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { queueItems, scores, traits, traitValues } from '../../db/schema/index.ts';
import { refreshTraitValues } from '../aggregate/refresh.ts';
import { recordAudit } from '../auth/audit.ts';
import { NotFound, ValidationFailed } from '../lib/errors.ts';
import type { adjudicateBody } from '../schemas/labeling.ts';
import { queueById } from './queues.ts';

/**
 * The items where labelers disagree — two labels at least the queue's margin apart, or their mean that far from
 * the judge's value — with every label's evidence and comment, and the adjudication if there is one.
 */
export async function adjudicationList(db: Db, queueId: string) {
  const queue = await queueById(db, queueId);
  const rows = await db.select().from(scores).where(and(eq(scores.labelQueueId, queueId), eq(scores.source, 'human')));
  const superseded = new Set(rows.map((r) => r.supersedes).filter((s): s is string => s !== null));
  const live = rows.filter((r) => r.status === 'valid' && !superseded.has(r.id));
  const items = await db.select({ id: queueItems.id, transcriptId: queueItems.transcriptId }).from(queueItems).where(eq(queueItems.queueId, queueId));
  const judgeValues = items.length
    ? await db
        .select({ transcriptId: traitValues.transcriptId, traitId: traitValues.traitId, value: traitValues.value })
        .from(traitValues)
        .where(and(eq(traitValues.source, 'judge'), inArray(traitValues.transcriptId, items.map((i) => i.transcriptId))))
    : [];
  const out = [];
  for (const item of items) {
    for (const t of queue.traits) {
      const labels = live.filter((r) => r.queueItemId === item.id && r.traitId === t.traitId && !r.adjudicated);
      // A labeler's latest label only (their edits supersede, but a re-label after an undo is newer).
      const latest = [...new Map(labels.sort((a, b) => (a.id < b.id ? -1 : 1)).map((l) => [l.labeler, l])).values()];
      const values = latest.map((l) => l.value).filter((v): v is number => v !== null);
      const judge = judgeValues.find((j) => j.transcriptId === item.transcriptId && j.traitId === t.traitId)?.value ?? null;
      const between = values.length >= 2 ? Math.max(...values) - Math.min(...values) : 0;
      const fromJudge = values.length && judge !== null ? Math.abs(values.reduce((a, b) => a + b, 0) / values.length - judge) : 0;
      const categoriesDiffer = new Set(latest.map((l) => l.category).filter((c) => c !== null)).size > 1;
      const spread = Math.max(between, fromJudge, categoriesDiffer ? queue.adjudicationMargin : 0);
      if (spread < queue.adjudicationMargin) continue;
      const adjudication = live.filter((r) => r.queueItemId === item.id && r.traitId === t.traitId && r.adjudicated).sort((a, b) => (a.id < b.id ? 1 : -1))[0];
      out.push({
        itemId: item.id,
        transcriptId: item.transcriptId,
        trait: t.slug,
        spread,
        judge,
        labels: latest.map((l) => ({ labeler: l.labeler ?? '', value: l.value, category: l.category, evidence: l.evidence, comment: l.rationale, createdAt: new Date(l.createdAt).toISOString() })),
        adjudicated: adjudication ? { value: adjudication.value, category: adjudication.category, reason: adjudication.rationale, by: adjudication.labeler ?? '' } : null,
      });
    }
  }
  return { items: out.sort((a, b) => b.spread - a.spread) };
}

/** A researcher's final value for an item's trait: a human score marked adjudicated, with the reason; audited. */
export async function adjudicate(database: Database, queueId: string, itemId: string, body: z.infer<typeof adjudicateBody>, actor: { id: string; email: string }) {
  const queue = await queueById(database.db, queueId);
  const queueTrait = queue.traits.find((t) => t.slug === body.trait);
  if (!queueTrait) throw new ValidationFailed(`This queue does not ask for ${body.trait}`, [{ field: 'trait', message: 'not in the queue' }]);
  const [item] = await database.db.select().from(queueItems).where(and(eq(queueItems.id, itemId), eq(queueItems.queueId, queueId)));
  if (!item) throw new NotFound(`No item ${itemId} in this queue`);
  const [trait] = await database.db.select().from(traits).where(eq(traits.id, queueTrait.traitId));
  const scale = trait?.scale;
  const numeric = typeof body.value === 'number';
  if (scale?.kind === 'numeric' && (!numeric || Number(body.value) < scale.min || Number(body.value) > scale.max)) {
    throw new ValidationFailed(`${body.trait} takes a number from ${scale.min} to ${scale.max}`, [{ field: 'value', message: 'out of scale' }]);
  }
  if (scale?.kind === 'categorical' && (numeric || !scale.categories.includes(String(body.value)))) {
    throw new ValidationFailed(`${body.trait} takes one of ${scale.categories.join(', ')}`, [{ field: 'value', message: 'not a category' }]);
  }
  const id = newId();
  await database.write((w) =>
    w.transaction(async (tx) => {
      await tx.insert(scores).values({
        id,
        transcriptId: item.transcriptId,
        traitId: queueTrait.traitId,
        rubricVersionId: queueTrait.rubricVersionId,
        source: 'human',
        status: 'valid',
        value: numeric ? Number(body.value) : null,
        category: numeric ? null : String(body.value),
        evidence: [],
        rationale: body.reason,
        labeler: actor.email,
        labelQueueId: queueId,
        queueItemId: itemId,
        adjudicated: true,
        createdAt: Date.now(),
      });
      await refreshTraitValues(tx, [{ transcriptId: item.transcriptId, traitId: queueTrait.traitId }]);
      await recordAudit(tx, { userId: actor.id, action: 'queue.adjudicate', target: itemId, details: { queue: queueId, trait: body.trait, value: body.value, reason: body.reason } });
    }),
  );
  return { id };
}
