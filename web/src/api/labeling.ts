import { api, call } from './client.ts';

/**
 * The labeling API: queues (list, create, progress), a labeler's work on a queue (next item, lease, labels,
 * undo), disagreements and their adjudication, and the agreement figures of a trait.
 */

export async function listQueues() {
  return (await call(() => api.queues.$get())).items;
}

export function createQueue(body: CreateQueueRequest) {
  return call(() => api.queues.$post({ json: body }));
}

export function getQueue(id: string) {
  return call(() => api.queues[':id'].$get({ param: { id } }));
}

/** The item the caller holds or is given (claimed with a lease), the queue as labelers see it, and progress. */
export function nextItem(queueId: string) {
  return call(() => api.queues[':id'].next.$get({ param: { id: queueId } }));
}

export function renewLease(queueId: string, itemId: string) {
  return call(() => api.queues[':id'].items[':itemId'].lease.$post({ param: { id: queueId, itemId } }));
}

export function submitLabel(queueId: string, itemId: string, body: LabelRequest) {
  return call(() => api.queues[':id'].items[':itemId'].labels.$post({ param: { id: queueId, itemId }, json: body }));
}

/** Withdraws the caller's latest label on the item; the answer names the trait it was for. */
export function undoLabel(queueId: string, itemId: string) {
  return call(() => api.queues[':id'].items[':itemId'].undo.$post({ param: { id: queueId, itemId } }));
}

export async function listDisagreements(queueId: string) {
  return (await call(() => api.queues[':id'].adjudication.$get({ param: { id: queueId } }))).items;
}

export function adjudicate(queueId: string, itemId: string, body: { trait: string; value: number | string; reason: string }) {
  return call(() => api.queues[':id'].items[':itemId'].adjudicate.$post({ param: { id: queueId, itemId }, json: body }));
}

/** Krippendorff's alpha (humans, and with the judge), kappa and the raters of one trait, over one queue's labels. */
export function getAgreement(query: { trait: string; queue: string }) {
  return call(() => api.stats.agreement.$get({ query }));
}

export type CreateQueueRequest = Parameters<typeof api.queues.$post>[0]['json'];
export type LabelRequest = Parameters<(typeof api.queues)[':id']['items'][':itemId']['labels']['$post']>[0]['json'];
export type QueueSummary = Awaited<ReturnType<typeof listQueues>>[number];
export type QueueDetail = Awaited<ReturnType<typeof getQueue>>;
export type NextResponse = Awaited<ReturnType<typeof nextItem>>;
export type LabelItem = NonNullable<NextResponse['item']>;
export type ItemSide = LabelItem['first'];
export type QueueView = NextResponse['queue'];
export type QueueTrait = QueueView['traits'][number];
export type TraitScale = QueueTrait['scale'];
export type LabelProgress = NextResponse['progress'];
export type Disagreement = Awaited<ReturnType<typeof listDisagreements>>[number];
export type Agreement = Awaited<ReturnType<typeof getAgreement>>;
