import type { CreateQueueRequest } from '../api/labeling.ts';
import { describeListFilters, judgeWhere, parseIds, selectionFromSearch } from './judge-selection.ts';
import { emptyFilters, hasFilters, listSearch, param, type ListFilters, type RawParams } from './list-query.ts';

/**
 * The new-queue form as data: what it selects (the transcript list's filters, ids, or a statistics selection),
 * who labels and how, and the one body of `POST /api/v1/queues` it makes — or, before anything is sent, what
 * is missing, in words close to the server's own.
 */

export type StatsKind = 'judge_spread' | 'judge_human_gap';

export const STATS_KINDS: readonly { kind: StatsKind; label: string }[] = [
  { kind: 'judge_spread', label: 'Largest judge spread (the judge disagrees with itself across samples)' },
  { kind: 'judge_human_gap', label: 'Largest judge–human gap' },
];

export type QueueSelection =
  | { kind: 'where'; filters: ListFilters }
  | { kind: 'ids'; ids: string }
  | { kind: 'stats'; stat: StatsKind; trait: string; model: string; limit: string };

export interface QueueFormState {
  name: string;
  traits: readonly string[];
  selection: QueueSelection;
  overlap: string;
  blind: boolean;
  pairwise: boolean;
  instructions: string;
  labelers: readonly string[];
  showMetadata: string;
  adjudicationMargin: string;
  /** Gold items, one per line: `<transcript id> trait=answer, trait=answer` (see `parseGold`). */
  gold: string;
}

export type GoldItem = { transcriptId: string; answers: Record<string, number | string> };

/** The server's caps (server/schemas/labeling.ts). */
export const MAX_QUEUE_ITEMS = 5000;
const MAX_OVERLAP = 20;

/** The "Label these" link of the transcript list: the new-queue form with the list's filters (not its columns). */
export function labelHrefForList(filters: ListFilters): string {
  return `/queues/new${listSearch({ ...filters, cols: '' })}`;
}

/** The new-queue form with a statistics selection chosen: "send these items to a labeling queue". */
export function labelHrefForStats(stat: StatsKind, trait: string, limit = 50): string {
  return `/queues/new?${new URLSearchParams({ selection: stat, trait, limit: String(limit) }).toString()}`;
}

function asStat(value: unknown): StatsKind | null {
  return STATS_KINDS.find((k) => k.kind === value)?.kind ?? null;
}

/**
 * What `/queues/new?…` starts from: a statistics selection given as `?selection=judge_spread|judge_human_gap&trait=`
 * (`labelHrefForStats`), ids given in `?ids=`, else the list's filters (none: every transcript).
 */
export function queueSelectionFromSearch(params: RawParams): QueueSelection {
  const stat = asStat(param(params, 'selection'));
  if (stat) return { kind: 'stats', stat, trait: param(params, 'trait'), model: param(params, 'model'), limit: param(params, 'limit') || '50' };
  const given = selectionFromSearch(params);
  if (given.kind === 'ids') return { kind: 'ids', ids: given.ids.join('\n') };
  if (given.kind === 'list') return { kind: 'where', filters: given.filters };
  return { kind: 'where', filters: { ...emptyFilters, model: given.model, scenario: given.scenario, tag: given.tag } };
}

/** Whether a `where` selection narrows at all (an empty one is every transcript). */
export function selectsEverything(selection: QueueSelection): boolean {
  return selection.kind === 'where' && !hasFilters(selection.filters);
}

/** Emails typed in a box, separated by commas, semicolons, spaces or lines: trimmed, lower case, each once. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Metadata keys typed as a list: separated by commas or lines, trimmed, each once. */
export function parseKeys(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Gold items typed one per line, `<transcript id> pushback=4, tone=warm`: a number answer for a scale, any
 * other text for a category. Blank lines are skipped; a line without an answer, or a trait the queue does not
 * ask for, is an error naming the line.
 */
export function parseGold(text: string, traits: readonly string[]): { ok: true; items: GoldItem[] } | { ok: false; error: string } {
  const items: GoldItem[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = `Gold line ${index + 1}`;
    const [transcriptId = '', ...rest] = line.split(/\s+/);
    const pairs = rest.join(' ').split(',').map((p) => p.trim()).filter(Boolean);
    if (!pairs.length) return { ok: false, error: `${at}: give the transcript id, then trait=answer (e.g. pushback=4).` };
    const answers: Record<string, number | string> = {};
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const trait = eq > 0 ? pair.slice(0, eq).trim() : '';
      const answer = eq > 0 ? pair.slice(eq + 1).trim() : '';
      if (!trait || !answer) return { ok: false, error: `${at}: “${pair}” is not trait=answer.` };
      if (!traits.includes(trait)) return { ok: false, error: `${at}: ${trait} is not one of the queue's traits.` };
      const n = Number(answer);
      answers[trait] = Number.isFinite(n) ? n : answer;
    }
    if (items.some((g) => g.transcriptId === transcriptId)) return { ok: false, error: `${at}: ${transcriptId} is already a gold item.` };
    items.push({ transcriptId, answers });
  }
  return { ok: true, items };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function wholeNumber(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) ? n : null;
}

export function queueRequestBody(form: QueueFormState): { ok: true; body: CreateQueueRequest } | { ok: false; error: string } {
  const name = form.name.trim();
  if (!name) return { ok: false, error: 'Give the queue a name.' };
  if (!form.traits.length) return { ok: false, error: 'Choose at least one trait.' };
  if (!form.labelers.length) return { ok: false, error: 'Name at least one labeler.' };
  const badEmail = form.labelers.find((e) => !EMAIL.test(e));
  if (badEmail !== undefined) return { ok: false, error: `${badEmail} is not an email address.` };
  const overlap = wholeNumber(form.overlap);
  if (overlap === null || overlap < 1 || overlap > MAX_OVERLAP) return { ok: false, error: `Overlap must be a whole number from 1 to ${MAX_OVERLAP}.` };
  if (overlap > form.labelers.length) {
    return { ok: false, error: `Overlap ${overlap} is larger than the ${form.labelers.length} labeler${form.labelers.length === 1 ? '' : 's'}: no item could ever be complete.` };
  }
  const margin = Number(form.adjudicationMargin.trim());
  if (form.adjudicationMargin.trim() === '' || !Number.isFinite(margin) || margin <= 0 || margin > 100) return { ok: false, error: 'The adjudication margin must be a number above 0 (at most 100).' };

  const body: CreateQueueRequest = {
    name,
    traits: [...form.traits],
    overlap,
    blind: form.blind,
    pairwise: form.pairwise,
    instructions: form.instructions.trim(),
    labelers: [...form.labelers],
    showMetadata: parseKeys(form.showMetadata),
    adjudicationMargin: margin,
  };
  const gold = parseGold(form.gold, form.traits);
  if (!gold.ok) return gold;
  if (gold.items.length && form.pairwise) return { ok: false, error: 'Gold items are for score queues; a pairwise queue takes none.' };
  if (gold.items.length) body.gold = gold.items;
  const s = form.selection;
  if (s.kind === 'ids') {
    const ids = parseIds(s.ids);
    if (!ids.length) return { ok: false, error: 'Give at least one transcript id.' };
    if (ids.length > MAX_QUEUE_ITEMS) return { ok: false, error: `At most ${MAX_QUEUE_ITEMS.toLocaleString('en')} transcript ids.` };
    body.transcriptIds = ids;
  } else if (s.kind === 'stats') {
    if (!s.trait) return { ok: false, error: 'Choose the trait the statistics selection ranks by.' };
    const limit = wholeNumber(s.limit);
    if (limit === null || limit < 1 || limit > 1000) return { ok: false, error: 'The number of transcripts must be a whole number from 1 to 1,000.' };
    body.selection = { kind: s.stat, trait: s.trait, limit, ...(s.model.trim() ? { model: s.model.trim() } : {}) };
  } else {
    body.where = judgeWhere(s.filters);
  }
  return { ok: true, body };
}

function pickString(record: Record<string, unknown>, key: string): string | undefined {
  const v = record[key];
  return typeof v === 'string' ? v : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A queue's selection as the server stored it (server/labeling/queues.ts: `{transcriptIds: n}`, `{selection}` or
 * `{where}`), in words: `3 transcripts by id`, `largest judge spread of pushback (top 50)`, `model aurora-1.1`.
 */
export function describeQueueSelection(stored: Record<string, unknown>): string {
  const ids = stored['transcriptIds'];
  if (typeof ids === 'number') return `${ids.toLocaleString('en')} transcript${ids === 1 ? '' : 's'} by id`;
  const s = stored['selection'];
  if (isRecord(s)) {
    const kind = s['kind'] === 'judge_human_gap' ? 'largest judge–human gap' : 'largest judge spread';
    const model = pickString(s, 'model');
    return `${kind} of ${pickString(s, 'trait') ?? '?'}${model ? ` for ${model}` : ''} (top ${typeof s['limit'] === 'number' ? s['limit'] : '?'})`;
  }
  const w = stored['where'];
  if (!isRecord(w)) return 'unknown selection';
  const num = (key: string) => (typeof w[key] === 'number' || typeof w[key] === 'string' ? String(w[key]) : '');
  const source = pickString(w, 'source');
  const labeled = pickString(w, 'labeled');
  return describeListFilters({
    ...emptyFilters,
    q: pickString(w, 'q') ?? '',
    model: pickString(w, 'model') ?? '',
    scenario: pickString(w, 'scenario') ?? '',
    tag: pickString(w, 'tag') ?? '',
    trait: pickString(w, 'trait') ?? '',
    min: num('min'),
    max: num('max'),
    source: source === 'judge' || source === 'human' || source === 'import' ? source : '',
    labeled: labeled === 'true' || labeled === 'false' ? labeled : '',
  });
}
