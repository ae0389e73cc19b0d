import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { Forbidden } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { adjudicate, adjudicationList } from '../labeling/adjudication.ts';
import { createQueue, listQueues, queueDetail } from '../labeling/queues.ts';
import { nextItem, queueView, renewLease, submitLabel, undoLabel } from '../labeling/work.ts';
import { idSchema, isoTime } from '../schemas/common.ts';
import { adjudicateBody, adjudicationSchema, createQueueBody, labelBody, labelResultSchema, nextItemSchema, queueDetailSchema, queueListSchema } from '../schemas/labeling.ts';

const tags = ['labeling'];
const queueParam = z.object({ id: idSchema });
const itemParam = z.object({ id: idSchema, itemId: idSchema });

/**
 * Labeling queues. Researchers create them and read their progress and disagreements; labelers (and anyone named
 * on a queue) get items and label them. What a blind queue's labeler must not see is never built (labeling/item-view.ts).
 */
export const queueRoutes = new Hono<AppEnv>()
  .post(
    '/',
    doc({ summary: 'Create a labeling queue: traits, a selection, overlap, blind or not, pairwise or not, labelers, gold items', tags, success: { status: 201, description: 'The queue', schema: z.object({ id: idSchema, items: z.int() }) }, errors: [400, 404, 422] }),
    validate('json', createQueueBody),
    async (c) => c.json(await createQueue(c.var.deps.database, c.req.valid('json'), c.var.user, c.var.deps.judge), 201),
  )
  .get('/', doc({ summary: 'Labeling queues: all (researchers), or the ones you label (labelers)', tags, success: { status: 200, description: 'Queues, newest first', schema: queueListSchema } }), async (c) =>
    c.json(await listQueues(c.var.deps.database.db, c.var.user), 200),
  )
  .get(
    '/:id',
    doc({ summary: "A queue's progress per labeler (with gold accuracy) and per item (researchers)", tags, success: { status: 200, description: 'The queue', schema: queueDetailSchema }, errors: [400, 404] }),
    validate('param', queueParam),
    async (c) => c.json(await queueDetail(c.var.deps.database.db, c.req.valid('param').id), 200),
  )
  .get(
    '/:id/next',
    doc({ summary: 'Your next item, claimed with a lease (or the one you hold); item null when nothing is left for you', tags, success: { status: 200, description: 'The item, the queue as you see it, your progress', schema: nextItemSchema }, errors: [400, 404] }),
    validate('param', queueParam),
    async (c) => {
      const { database, labelLeaseMs } = c.var.deps;
      const next = await nextItem(database, c.req.valid('param').id, c.var.user, labelLeaseMs);
      return c.json({ item: next.item, queue: await queueView(database.db, next.queue), progress: next.progress }, 200);
    },
  )
  .post(
    '/:id/items/:itemId/lease',
    doc({ summary: 'Keep your lease on an item while you work on it', tags, success: { status: 200, description: 'Renewed', schema: z.object({ leaseExpiresAt: isoTime }) }, errors: [400, 404, 409] }),
    validate('param', itemParam),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      const lease = await renewLease(c.var.deps.database, id, itemId, c.var.user, c.var.deps.labelLeaseMs);
      return c.json({ leaseExpiresAt: new Date(lease.leaseExpiresAt).toISOString() }, 200);
    },
  )
  .post(
    '/:id/items/:itemId/labels',
    doc({ summary: 'Label a trait of an item (value, N/A, or a pairwise winner), with evidence and a comment', tags, success: { status: 201, description: 'Stored', schema: labelResultSchema }, errors: [400, 404, 409] }),
    validate('param', itemParam),
    validate('json', labelBody),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return c.json(await submitLabel(c.var.deps.database, id, itemId, c.var.user, c.req.valid('json'), c.var.deps.labelLeaseMs), 201);
    },
  )
  .post(
    '/:id/items/:itemId/undo',
    doc({ summary: 'Undo your latest label on an item (a withdrawing row supersedes it; nothing is deleted)', tags, success: { status: 200, description: 'Withdrawn', schema: z.object({ withdrawn: idSchema, trait: z.string() }) }, errors: [400, 404, 409] }),
    validate('param', itemParam),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return c.json(await undoLabel(c.var.deps.database, id, itemId, c.var.user, c.var.deps.labelLeaseMs), 200);
    },
  )
  .get(
    '/:id/adjudication',
    doc({ summary: 'Items where labelers (or labelers and the judge) differ by the queue’s margin, with each label’s evidence and comment', tags, success: { status: 200, description: 'Disagreements, largest first', schema: adjudicationSchema }, errors: [400, 404] }),
    validate('param', queueParam),
    async (c) => c.json(await adjudicationList(c.var.deps.database.db, c.req.valid('param').id), 200),
  )
  .post(
    '/:id/items/:itemId/adjudicate',
    doc({ summary: 'Record the final value of an item’s trait after disagreement, with the reason', tags, success: { status: 201, description: 'Stored', schema: z.object({ id: idSchema }) }, errors: [400, 404] }),
    validate('param', itemParam),
    validate('json', adjudicateBody),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      if (c.var.user.role === 'labeler') throw new Forbidden('Only researchers adjudicate');
      return c.json(await adjudicate(c.var.deps.database, id, itemId, c.req.valid('json'), c.var.user), 201);
    },
  );
