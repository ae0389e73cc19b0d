import { describe, expect, test } from 'vitest';
import { emptyFilters } from '../../web/src/lib/list-query.ts';
import { describeQueueSelection, labelHrefForList, labelHrefForStats, parseEmails, parseGold, parseKeys, queueRequestBody, queueSelectionFromSearch, type QueueFormState } from '../../web/src/lib/queue-form.ts';

const base: QueueFormState = {
  name: ' Round 1 ',
  traits: ['pushback'],
  selection: { kind: 'where', filters: { ...emptyFilters, model: 'aurora-1.1', trait: 'pushback', min: '1', max: '2', cols: 'warmth' } },
  overlap: '2',
  blind: true,
  pairwise: false,
  instructions: ' Read it all. ',
  labelers: ['a@example.com', 'b@example.com'],
  showMetadata: 'topic, language\ntopic',
  adjudicationMargin: '1',
  gold: '',
};

describe('the new-queue form', () => {
  test('from the list: its filters as where (columns left out), trimmed fields, metadata keys once', () => {
    expect(queueRequestBody(base)).toEqual({
      ok: true,
      body: {
        name: 'Round 1',
        traits: ['pushback'],
        where: { model: 'aurora-1.1', trait: 'pushback', min: '1', max: '2' },
        overlap: 2,
        blind: true,
        pairwise: false,
        instructions: 'Read it all.',
        labelers: ['a@example.com', 'b@example.com'],
        showMetadata: ['topic', 'language'],
        adjudicationMargin: 1,
      },
    });
  });

  test('ids, and a statistics selection', () => {
    const ids = queueRequestBody({ ...base, selection: { kind: 'ids', ids: 'T1, T2\nT1' } });
    expect(ids.ok && ids.body.transcriptIds).toEqual(['T1', 'T2']);
    expect(ids.ok && ids.body.where).toBeUndefined();
    const stats = queueRequestBody({ ...base, selection: { kind: 'stats', stat: 'judge_human_gap', trait: 'pushback', model: '', limit: '25' } });
    expect(stats.ok && stats.body.selection).toEqual({ kind: 'judge_human_gap', trait: 'pushback', limit: 25 });
  });

  test('what is missing, before anything is sent', () => {
    expect(queueRequestBody({ ...base, name: ' ' })).toEqual({ ok: false, error: 'Give the queue a name.' });
    expect(queueRequestBody({ ...base, traits: [] })).toEqual({ ok: false, error: 'Choose at least one trait.' });
    expect(queueRequestBody({ ...base, labelers: [] })).toEqual({ ok: false, error: 'Name at least one labeler.' });
    expect(queueRequestBody({ ...base, labelers: ['nobody'] })).toEqual({ ok: false, error: 'nobody is not an email address.' });
    expect(queueRequestBody({ ...base, overlap: '3' })).toEqual({ ok: false, error: 'Overlap 3 is larger than the 2 labelers: no item could ever be complete.' });
    expect(queueRequestBody({ ...base, overlap: '1.5' })).toEqual({ ok: false, error: 'Overlap must be a whole number from 1 to 20.' });
    expect(queueRequestBody({ ...base, adjudicationMargin: '0' })).toEqual({ ok: false, error: 'The adjudication margin must be a number above 0 (at most 100).' });
    expect(queueRequestBody({ ...base, selection: { kind: 'ids', ids: ' , ' } })).toEqual({ ok: false, error: 'Give at least one transcript id.' });
    expect(queueRequestBody({ ...base, selection: { kind: 'stats', stat: 'judge_spread', trait: '', model: '', limit: '5' } })).toEqual({ ok: false, error: 'Choose the trait the statistics selection ranks by.' });
    expect(queueRequestBody({ ...base, selection: { kind: 'stats', stat: 'judge_spread', trait: 'pushback', model: '', limit: '0' } })).toEqual({ ok: false, error: 'The number of transcripts must be a whole number from 1 to 1,000.' });
  });

  test('gold items as typed: a number for a scale, text for a category; mistakes name their line', () => {
    const traits = ['pushback', 'tone'];
    expect(parseGold('  \n01JAAA pushback=4, tone=warm\n\n01JBBB pushback=2.5\n', traits)).toEqual({
      ok: true,
      items: [
        { transcriptId: '01JAAA', answers: { pushback: 4, tone: 'warm' } },
        { transcriptId: '01JBBB', answers: { pushback: 2.5 } },
      ],
    });
    expect(parseGold('01JAAA', traits)).toEqual({ ok: false, error: 'Gold line 1: give the transcript id, then trait=answer (e.g. pushback=4).' });
    expect(parseGold('\n01JAAA pushback', traits)).toEqual({ ok: false, error: 'Gold line 2: “pushback” is not trait=answer.' });
    expect(parseGold('01JAAA warmth=3', traits)).toEqual({ ok: false, error: "Gold line 1: warmth is not one of the queue's traits." });
    expect(parseGold('01JAAA pushback=3\n01JAAA pushback=4', traits)).toEqual({ ok: false, error: 'Gold line 2: 01JAAA is already a gold item.' });
    const body = queueRequestBody({ ...base, gold: '01JAAA pushback=5' });
    expect(body.ok && body.body.gold).toEqual([{ transcriptId: '01JAAA', answers: { pushback: 5 } }]);
    expect(queueRequestBody({ ...base, pairwise: true, gold: '01JAAA pushback=5' })).toEqual({ ok: false, error: 'Gold items are for score queues; a pairwise queue takes none.' });
    expect(queueRequestBody({ ...base, gold: '01JAAA pushback' })).toEqual({ ok: false, error: 'Gold line 1: “pushback” is not trait=answer.' });
  });

  test('a statistics selection from a link (the agreement page): its kind, trait and size, ahead of any list filter', () => {
    const href = labelHrefForStats('judge_human_gap', 'pushback');
    expect(href).toBe('/queues/new?selection=judge_human_gap&trait=pushback&limit=50');
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(queueSelectionFromSearch(params)).toEqual({ kind: 'stats', stat: 'judge_human_gap', trait: 'pushback', model: '', limit: '50' });
    // An unknown kind is not a statistics selection: the trait is then the list's filter.
    expect(queueSelectionFromSearch({ selection: 'largest_anything', trait: 'pushback' }).kind).toBe('where');
  });

  test('emails and keys as typed', () => {
    expect(parseEmails(' A@Example.com, b@example.com;\nA@example.com ')).toEqual(['a@example.com', 'b@example.com']);
    expect(parseKeys('topic,, language \n')).toEqual(['topic', 'language']);
  });

  test('"Label these" carries the list filters, not the columns; the form reads them back', () => {
    const filters = { ...emptyFilters, q: 'moon', tag: 'x', cols: 'warmth' };
    expect(labelHrefForList(filters)).toBe('/queues/new?q=moon&tag=x');
    expect(queueSelectionFromSearch({ q: 'moon', tag: 'x' })).toEqual({ kind: 'where', filters: { ...emptyFilters, q: 'moon', tag: 'x' } });
    expect(queueSelectionFromSearch({ model: 'aurora-1.1' })).toEqual({ kind: 'where', filters: { ...emptyFilters, model: 'aurora-1.1' } });
    expect(queueSelectionFromSearch({ ids: 'T1,T2' })).toEqual({ kind: 'ids', ids: 'T1\nT2' });
  });
});

describe("a queue's stored selection in words", () => {
  test('ids, a statistics selection, a list filter, every transcript', () => {
    expect(describeQueueSelection({ transcriptIds: 3 })).toBe('3 transcripts by id');
    expect(describeQueueSelection({ transcriptIds: 1 })).toBe('1 transcript by id');
    expect(describeQueueSelection({ selection: { kind: 'judge_human_gap', trait: 'pushback', model: 'aurora-1.1', limit: 20 } })).toBe('largest judge–human gap of pushback for aurora-1.1 (top 20)');
    expect(describeQueueSelection({ selection: { kind: 'judge_spread', trait: 'warmth', limit: 50 } })).toBe('largest judge spread of warmth (top 50)');
    expect(describeQueueSelection({ where: { model: 'aurora-1.1', trait: 'pushback', min: 1, max: 2, labeled: 'false' } })).toBe('model aurora-1.1 · pushback 1–2 · not labeled');
    expect(describeQueueSelection({ where: {} })).toBe('all transcripts');
    expect(describeQueueSelection({})).toBe('unknown selection');
  });
});
