import { createMemo, createSignal, onCleanup } from 'solid-js';
import { ApiRequestError } from '../api/client.ts';
import { nextItem, renewLease, submitLabel, undoLabel, type LabelItem, type LabelProgress, type LabelRequest, type QueueView } from '../api/labeling.ts';
import { choiceText, type Choice } from '../lib/label-choice.ts';
import { nextTrait } from '../lib/label-progress.ts';

/**
 * One labeler's session on a queue: the item they hold, the traits of it they have labeled, the items they
 * finished here (so `u` can reach back into the last one), and the lease kept alive while the page is open.
 * The page owns the choice being made; this owns what the server knows.
 */

/** The server's lease is 10 minutes; renewing every 2 keeps it through a slow read, a lost request or two. */
export const LEASE_RENEW_MS = 2 * 60 * 1000;

export interface LabelDone {
  trait: string;
  text: string;
}

export interface WorkItem {
  item: LabelItem;
  labels: LabelDone[];
}

/** Something the server refused; `needsNext` when the item is no longer the labeler's to label (a 409). */
export interface SessionProblem {
  title: string;
  message: string;
  needsNext: boolean;
}

function labelText(l: LabelItem['myLabels'][number]): string {
  if (l.na) return 'N/A';
  if (l.winner) return choiceText({ kind: 'winner', winner: l.winner });
  return l.value === null ? '—' : String(l.value);
}

function problemOf(title: string, err: unknown): SessionProblem {
  const message = err instanceof Error ? err.message : String(err);
  return { title, message, needsNext: err instanceof ApiRequestError && err.status === 409 };
}

export function createLabelSession(queueId: () => string) {
  const [queue, setQueue] = createSignal<QueueView | null>(null);
  const [progress, setProgress] = createSignal<LabelProgress | null>(null);
  const [current, setCurrent] = createSignal<WorkItem | null>(null);
  const [finished, setFinished] = createSignal<WorkItem[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<SessionProblem | null>(null);

  const trait = createMemo(() => {
    const q = queue();
    const c = current();
    return q && c ? nextTrait(q.traits, c.labels.map((l) => l.trait)) : null;
  });

  async function loadNext(): Promise<void> {
    setBusy(true);
    try {
      const next = await nextItem(queueId());
      setQueue(next.queue);
      setProgress(next.progress);
      setCurrent(next.item ? { item: next.item, labels: next.item.myLabels.map((l) => ({ trait: l.trait, text: labelText(l) })) } : null);
      setLoadError(null);
      setProblem(null);
    } catch (err) {
      setLoadError(err);
    } finally {
      setLoaded(true);
      setBusy(false);
    }
  }

  /** Sends a label for the current trait; true when it was stored. */
  async function submit(body: LabelRequest, choice: Choice): Promise<boolean> {
    const work = current();
    if (!work || busy()) return false;
    setBusy(true);
    try {
      const result = await submitLabel(queueId(), work.item.id, body);
      const done: WorkItem = { item: work.item, labels: [...work.labels, { trait: body.trait, text: choiceText(choice) }] };
      setProblem(null);
      if (result.itemDone) {
        setFinished((f) => [...f, done]);
        setBusy(false);
        await loadNext();
      } else setCurrent(done);
      return true;
    } catch (err) {
      setProblem(problemOf('The label was not saved', err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  /**
   * Withdraws the latest label: on the item in hand if it has one, else on the item finished last here, which
   * comes back to be labeled again (its lease renewed by the server); the item set aside is still held, and
   * `next` hands it back once this one is done. Returns the trait withdrawn, or null.
   */
  async function undo(): Promise<string | null> {
    if (busy()) return null;
    const inHand = current();
    const target = inHand && inHand.labels.length > 0 ? inHand : finished().at(-1);
    if (!target) return null;
    setBusy(true);
    try {
      const result = await undoLabel(queueId(), target.item.id);
      if (target !== inHand) {
        setFinished((f) => f.slice(0, -1));
        // That item is no longer done by me; the queue's counts come fresh with the next item.
        setProgress((p) => (p ? { ...p, mine: Math.max(0, p.mine - 1), available: p.available + 1 } : p));
      }
      setCurrent({ item: target.item, labels: target.labels.filter((l) => l.trait !== result.trait) });
      setProblem(null);
      return result.trait;
    } catch (err) {
      setProblem(problemOf('Nothing was undone', err));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function renew(): Promise<void> {
    const work = current();
    if (!work) return;
    try {
      await renewLease(queueId(), work.item.id);
    } catch (err) {
      // Only a lease that is gone stops the work; a network hiccup is tried again at the next tick.
      if (err instanceof ApiRequestError && err.status === 409) setProblem(problemOf('This item is no longer held for you', err));
    }
  }

  const timer = setInterval(() => void renew(), LEASE_RENEW_MS);
  onCleanup(() => clearInterval(timer));

  return { queue, progress, current, finished, trait, loaded, loadError, busy, problem, loadNext, submit, undo, renew };
}

export type LabelSession = ReturnType<typeof createLabelSession>;
