import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { labelQueues, queueAssignments, queueItems, queueLabelers, rubricVersions, scores, traits, transcripts, users, type QueueTrait, type Role } from '../../db/schema/index.ts';
import { recordAudit } from '../auth/audit.ts';
import type { JudgeDeps } from '../judge/deps.ts';
import { pairsByScenario } from '../judge/runs.ts';
import { NotFound, Unprocessable } from '../lib/errors.ts';
import { selection as statsSelection } from '../queries/stats/selections.ts';
import { selectTranscriptIds } from '../queries/transcripts.ts';
import { MAX_QUEUE_ITEMS, type createQueueBody } from '../schemas/labeling.ts';
import { createRng, randomInt } from '../stats/random.ts';
import { progressFor } from './work.ts';

export type CreateQueueBody = z.infer<typeof createQueueBody>;

/** A queue's traits: each slug's trait, with the rubric version labelers are shown (the judge's current one). */
async function resolveTraits(db: Db, slugs: readonly string[], judge: JudgeDeps | undefined, pairwise: boolean): Promise<QueueTrait[]> {
  const out: QueueTrait[] = [];
  for (const slug of [...new Set(slugs)]) {
    const [trait] = await db.select().from(traits).where(eq(traits.slug, slug));
    if (!trait) throw new NotFound(`No trait ${slug}`);
    if (!pairwise && trait.scale?.kind !== 'numeric' && trait.scale?.kind !== 'categorical' && trait.scale?.kind !== 'boolean') {
      throw new Unprocessable(`Trait ${slug} has no scale to label on (it counts incidents per chunk); choose a rubric trait`);
    }
    const current = judge?.rubrics.get(slug)?.rubricVersionId;
    const [latest] = current ? [{ id: current }] : await db.select({ id: rubricVersions.id }).from(rubricVersions).where(eq(rubricVersions.traitId, trait.id)).orderBy(desc(rubricVersions.createdAt)).limit(1);
    out.push({ slug, traitId: trait.id, rubricVersionId: latest?.id ?? null });
  }
  return out;
}

async function resolveLabelers(db: Db, emails: readonly string[]): Promise<{ id: string; email: string }[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const rows = await db.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(inArray(users.email, wanted));
  const missing = wanted.filter((e) => !rows.some((r) => r.email === e));
  if (missing.length) throw new NotFound(`No user ${missing.join(', ')}: add them first (Settings → Users)`);
  const disabled = rows.filter((r) => r.disabledAt !== null);
  if (disabled.length) throw new Unprocessable(`${disabled.map((d) => d.email).join(', ')} is disabled`);
  return rows.map((r) => ({ id: r.id, email: r.email }));
}

type Selected = { id: string; scenarioId: string; modelId: string };

async function selectedTranscripts(db: Db, body: CreateQueueBody): Promise<Selected[]> {
  if (body.transcriptIds) {
    const ids = [...new Set(body.transcriptIds)];
    const rows: Selected[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(...(await db.select({ id: transcripts.id, scenarioId: transcripts.scenarioId, modelId: transcripts.modelId }).from(transcripts).where(inArray(transcripts.id, ids.slice(i, i + 500)))));
    }
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new NotFound(`No transcript ${missing.slice(0, 5).join(', ')}`);
    return rows;
  }
  if (body.selection) {
    const picked = await statsSelection(db, { ...body.selection, limit: body.selection.limit });
    return selectedTranscripts(db, { ...body, selection: undefined, transcriptIds: picked.items.map((i) => i.transcriptId) });
  }
  const rows = await selectTranscriptIds(db, body.where ?? {}, MAX_QUEUE_ITEMS + 1);
  if (rows.length > MAX_QUEUE_ITEMS) throw new Unprocessable(`The selection matches more than ${MAX_QUEUE_ITEMS} transcripts; narrow it`);
  return rows;
}

/** Creates a queue and its items (in a random order, so no labeler sees one model's transcripts in a row). */
export async function createQueue(database: Database, body: CreateQueueBody, actor: { id: string }, judge: JudgeDeps | undefined): Promise<{ id: string; items: number }> {
  const { db } = database;
  const queueTraits = await resolveTraits(db, body.traits, judge, body.pairwise);
  const labelers = await resolveLabelers(db, body.labelers);
  if (body.overlap > labelers.length) throw new Unprocessable(`overlap ${body.overlap} is larger than the ${labelers.length} labelers: no item could be complete`);
  if (body.pairwise && body.gold.length) throw new Unprocessable('Gold items are for score queues; a pairwise queue takes none');
  const selected = await selectedTranscripts(db, body);
  const goldIds = body.gold.map((g) => g.transcriptId);
  const goldRows = goldIds.length ? await selectedTranscripts(db, { ...body, where: undefined, selection: undefined, transcriptIds: goldIds }) : [];
  for (const g of body.gold) {
    for (const slug of Object.keys(g.answers)) {
      if (!queueTraits.some((t) => t.slug === slug)) throw new Unprocessable(`Gold answer for ${slug}, which the queue does not ask for`);
    }
  }
  const all = [...new Map([...selected, ...goldRows].map((t) => [t.id, t])).values()];
  const pairs = body.pairwise ? pairsByScenario(all) : all.map((t) => [t, null] as const);
  if (!pairs.length) throw new Unprocessable(body.pairwise ? 'The selection has no two transcripts of one scenario from different models' : 'The selection matches no transcripts');
  // A seeded shuffle of the positions (Fisher–Yates), seeded by the queue's id so it can be reproduced.
  const id = newId();
  const rng = createRng([...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7));
  const order = pairs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const goldBy = new Map(body.gold.map((g) => [g.transcriptId, g.answers]));
  const now = Date.now();
  await database.write((w) =>
    w.transaction(async (tx) => {
      await tx.insert(labelQueues).values({
        id,
        name: body.name,
        traits: queueTraits,
        selection: body.transcriptIds ? { transcriptIds: body.transcriptIds.length } : body.selection ? { selection: body.selection } : { where: body.where ?? {} },
        overlap: body.overlap,
        blind: body.blind,
        pairwise: body.pairwise,
        instructions: body.instructions,
        shownMetadataKeys: body.showMetadata,
        adjudicationMargin: body.adjudicationMargin,
        createdBy: actor.id,
        createdAt: now,
      });
      await tx.insert(queueLabelers).values(labelers.map((l) => ({ queueId: id, userId: l.id })));
      const items = pairs.map(([a, b], i) => ({ id: newId(), queueId: id, position: order[i] ?? i, transcriptId: a.id, transcriptBId: b?.id ?? null, scenarioId: a.scenarioId, gold: goldBy.get(a.id) ?? null, createdAt: now }));
      for (let i = 0; i < items.length; i += 500) await tx.insert(queueItems).values(items.slice(i, i + 500));
      await recordAudit(tx, { userId: actor.id, action: 'queue.create', target: id, details: { name: body.name, items: items.length, overlap: body.overlap, blind: body.blind, pairwise: body.pairwise, labelers: labelers.map((l) => l.email) } });
    }),
  );
  return { id, items: pairs.length };
}

/** Items complete with `overlap` done assignments, per queue. */
async function progressOf(db: Db, queueIds: readonly string[]) {
  if (!queueIds.length) return new Map<string, { items: number; complete: number }>();
  const rows = await db.all<{ queue_id: string; items: number; complete: number }>(sql`
    SELECT i.queue_id, count(*) AS items,
           sum(CASE WHEN (SELECT count(*) FROM queue_assignments a WHERE a.item_id = i.id AND a.status = 'done') >= q.overlap THEN 1 ELSE 0 END) AS complete
    FROM queue_items i JOIN label_queues q ON q.id = i.queue_id
    WHERE i.queue_id IN (${sql.join(
      queueIds.map((q) => sql`${q}`),
      sql`, `,
    )})
    GROUP BY i.queue_id`);
  return new Map(rows.map((r) => [r.queue_id, { items: Number(r.items), complete: Number(r.complete) }]));
}

function summary(q: typeof labelQueues.$inferSelect, progress: { items: number; complete: number } | undefined) {
  return {
    id: q.id,
    name: q.name,
    traits: q.traits.map((t) => t.slug),
    overlap: q.overlap,
    blind: q.blind,
    pairwise: q.pairwise,
    status: q.status,
    items: progress?.items ?? 0,
    complete: progress?.complete ?? 0,
    createdAt: new Date(q.createdAt).toISOString(),
  };
}

/** Researchers see every queue; a labeler only the queues they label. */
export async function listQueues(db: Db, user: { id: string; role: Role }) {
  const rows =
    user.role === 'labeler'
      ? await db.select({ q: labelQueues }).from(labelQueues).innerJoin(queueLabelers, and(eq(queueLabelers.queueId, labelQueues.id), eq(queueLabelers.userId, user.id))).orderBy(desc(labelQueues.createdAt))
      : (await db.select().from(labelQueues).orderBy(desc(labelQueues.createdAt))).map((q) => ({ q }));
  const progress = await progressOf(db, rows.map((r) => r.q.id));
  const items = [];
  for (const r of rows) {
    const mine = await progressFor(db, r.q, user);
    items.push({ ...summary(r.q, progress.get(r.q.id)), mine: { done: mine.mine, available: mine.available } });
  }
  return { items };
}

export async function queueById(db: Db, id: string) {
  const [queue] = await db.select().from(labelQueues).where(eq(labelQueues.id, id));
  if (!queue) throw new NotFound(`No queue ${id}`);
  return queue;
}

/** A queue for its researchers: progress per labeler (with gold accuracy) and per item. */
export async function queueDetail(db: Db, id: string) {
  const queue = await queueById(db, id);
  const progress = await progressOf(db, [id]);
  const items = await db.select().from(queueItems).where(eq(queueItems.queueId, id)).orderBy(queueItems.position);
  const assignments = await db.select().from(queueAssignments).where(eq(queueAssignments.queueId, id));
  const labelerRows = await db.select({ id: users.id, email: users.email }).from(queueLabelers).innerJoin(users, eq(users.id, queueLabelers.userId)).where(eq(queueLabelers.queueId, id));
  const now = Date.now();
  const goldItems = items.filter((i) => i.gold !== null);
  const labels = goldItems.length
    ? await db
        .select({ itemId: scores.queueItemId, labeler: scores.labeler, traitId: scores.traitId, value: scores.value, category: scores.category, id: scores.id, status: scores.status, supersedes: scores.supersedes })
        .from(scores)
        .where(and(eq(scores.labelQueueId, id), isNotNull(scores.queueItemId), inArray(scores.queueItemId, goldItems.map((g) => g.id))))
    : [];
  const superseded = new Set(labels.map((l) => l.supersedes).filter((s): s is string => s !== null));
  const live = labels.filter((l) => l.status === 'valid' && !superseded.has(l.id));
  const slugOf = new Map(queue.traits.map((t) => [t.traitId, t.slug]));
  const median = (xs: number[]) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
  };
  return {
    queue: { ...summary(queue, progress.get(id)), instructions: queue.instructions, selection: queue.selection, showMetadata: queue.shownMetadataKeys, adjudicationMargin: queue.adjudicationMargin },
    labelers: labelerRows.map((l) => {
      const mine = assignments.filter((a) => a.userId === l.id);
      const goldAnswers = goldItems.flatMap((item) =>
        Object.entries(item.gold ?? {}).map(([slug, answer]) => ({ item: item.id, slug, answer })),
      );
      const judged = goldAnswers
        .map((g) => ({ g, label: live.find((x) => x.itemId === g.item && x.labeler === l.email && slugOf.get(x.traitId) === g.slug) }))
        .filter((x) => x.label !== undefined);
      const correct = judged.filter((x) => (x.label?.value ?? x.label?.category) === x.g.answer).length;
      return {
        email: l.email,
        done: mine.filter((a) => a.status === 'done').length,
        leased: mine.filter((a) => a.status === 'leased' && (a.leaseExpiresAt ?? 0) > now).length,
        medianSecondsPerItem: median(mine.filter((a) => a.timeSpentMs !== null).map((a) => (a.timeSpentMs ?? 0) / 1000)),
        gold: { items: judged.length, correct, accuracy: judged.length ? correct / judged.length : null },
      };
    }),
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      transcriptId: i.transcriptId,
      transcriptBId: i.transcriptBId,
      gold: i.gold !== null,
      done: assignments.filter((a) => a.itemId === i.id && a.status === 'done').length,
      leased: assignments.filter((a) => a.itemId === i.id && a.status === 'leased' && (a.leaseExpiresAt ?? 0) > now).length,
    })),
  };
}
