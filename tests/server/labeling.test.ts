import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiToken, createUser } from '../../server/auth/users.ts';
import { syncRubrics } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { newId } from '../../db/ids.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

const PASSWORD = 'a long enough password';
const SECRET_MODELS = ['secret-model-alpha', 'secret-model-beta'];

interface Labeler {
  email: string;
  headers: Record<string, string>;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function setup(options: { labelers: number; scenarios: number; leaseMs?: number }) {
  const t = await createTestApp(options.leaseMs ? { labelLeaseMs: options.leaseMs } : {});
  await syncRubrics(t.database, defaultRubricsDir);
  const lines = [];
  for (let s = 0; s < options.scenarios; s++) {
    for (const model of SECRET_MODELS) {
      lines.push(
        nativeLine({
          external_id: `ext-${model}-${s}`,
          model,
          scenario: `scn-${s}`,
          tags: [`tag-${model}`],
          metadata: { model_name: model, topic: `topic-${s}` },
          messages: [
            { role: 'user', content: `Question ${s}: the moon is cheese, right?` },
            { role: 'assistant', content: `No, it is rock. (${s})` },
          ],
          scores: [{ trait: 'pushback', value: 2, source: 'import', rationale: 'IMPORT-RATIONALE-MARKER' }],
        }),
      );
    }
  }
  expect((await t.upload(ndjson(lines))).status).toBe(200);
  const labelers: Labeler[] = [];
  for (let i = 0; i < options.labelers; i++) {
    const email = `labeler${i}@label.example`;
    const user = await createUser(t.database, { email, password: PASSWORD, role: 'labeler' }, null);
    const { token } = await createApiToken(t.database, { userId: user.id, name: 'label', scopes: ['label'] });
    labelers.push({ email, headers: { authorization: `Bearer ${token}` } });
  }
  return { t, labelers };
}

async function createQueue(t: TestApp, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await t.request('/api/v1/queues', json(body));
  return { status: res.status, body: await res.json() };
}

async function next(t: TestApp, queueId: string, who: Labeler): Promise<{ status: number; text: string; body: any }> {
  const res = await t.app.request(`/api/v1/queues/${queueId}/next`, { headers: who.headers });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

async function label(t: TestApp, queueId: string, itemId: string, who: Labeler, body: Record<string, unknown>) {
  const res = await t.app.request(`/api/v1/queues/${queueId}/items/${itemId}/labels`, { method: 'POST', headers: { ...who.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('assignment under concurrency', () => {
  test('20 labelers at once on a queue with overlap 3: exactly 3 labels per item, nobody twice, nothing lost', async () => {
    const { t, labelers } = await setup({ labelers: 20, scenarios: 6 });
    try {
      const queue = await createQueue(t, { name: 'round 1', traits: ['pushback'], where: {}, overlap: 3, labelers: labelers.map((l) => l.email) });
      expect(queue.status).toBe(201);
      expect(queue.body.items).toBe(12);
      const given = new Map<string, string[]>();
      await Promise.all(
        labelers.map(async (who, i) => {
          for (;;) {
            const { status, body } = await next(t, queue.body.id, who);
            expect(status).toBe(200);
            if (!body.item) break;
            const res = await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', value: 1 + (i % 5) });
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            expect(res.body.itemDone).toBe(true);
            given.set(body.item.id, [...(given.get(body.item.id) ?? []), who.email]);
          }
        }),
      );
      expect(given.size).toBe(12);
      for (const emails of given.values()) {
        expect(emails).toHaveLength(3);
        expect(new Set(emails).size).toBe(3);
      }
      expect(await t.count('scores') - 12).toBe(36);
      const detail: any = await (await t.request(`/api/v1/queues/${queue.body.id}`)).json();
      expect(detail.queue).toMatchObject({ items: 12, complete: 12 });
      expect(detail.items.every((i: { done: number }) => i.done === 3)).toBe(true);
      expect(detail.labelers.reduce((a: number, l: { done: number }) => a + l.done, 0)).toBe(36);
    } finally {
      t.cleanup();
    }
  });
});

describe('a blind queue sends nothing a labeler must not see', () => {
  let t: TestApp;
  let labelers: Labeler[];
  let queueId: string;
  beforeAll(async () => {
    ({ t, labelers } = await setup({ labelers: 2, scenarios: 2 }));
    // A judge score too: it must not reach the labeler either.
    const [row] = (await t.database.client.execute("SELECT t.id, tr.id AS trait FROM transcripts t, traits tr WHERE tr.slug = 'pushback' LIMIT 1")).rows;
    await t.database.client.execute({ sql: "INSERT INTO scores (id, transcript_id, trait_id, source, status, value, evidence, rationale, sample_index, adjudicated, created_at) VALUES (?, ?, ?, 'judge', 'valid', 4, '[]', 'JUDGE-RATIONALE-MARKER', 0, 0, ?)", args: [newId(), String(row?.['id']), String(row?.['trait']), Date.now()] });
    const queue = await createQueue(t, { name: 'blind', traits: ['pushback'], where: {}, overlap: 2, blind: true, showMetadata: ['topic'], instructions: 'Read it all.', labelers: labelers.map((l) => l.email) });
    queueId = queue.body.id;
  });
  afterAll(() => t.cleanup());

  test('no model, transcript id, external id, tag, hidden metadata, score or other labeler in any raw answer', async () => {
    const [first, second] = labelers;
    if (!first || !second) throw new Error('two labelers');
    const transcripts = (await t.database.client.execute('SELECT id, external_id FROM transcripts')).rows;
    const seen: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (const who of [first, second]) {
        const { status, text, body } = await next(t, queueId, who);
        expect(status).toBe(200);
        seen.push(text);
        if (body.item) await label(t, queueId, body.item.id, who, { trait: 'pushback', value: who === first ? 1 : 5, comment: `by ${who.email}` });
      }
    }
    const all = seen.join('\n');
    for (const secret of [...SECRET_MODELS, 'JUDGE-RATIONALE-MARKER', 'IMPORT-RATIONALE-MARKER', 'model_name', 'tag-secret', first.email, second.email, 'scn-0', ...transcripts.flatMap((r) => [String(r['id']), String(r['external_id'])])]) {
      expect(all, secret).not.toContain(secret);
    }
    const { body } = await next(t, queueId, first);
    expect(body.item).toBeNull();
    expect(body.progress).toMatchObject({ mine: 4, items: 4, complete: 4, available: 0 });
    // The rubric and its anchors are shown; the metadata key the creator chose is too.
    expect(all).toContain('Read it all.');
    expect(all).toContain('topic-');
    expect(all).toContain('Capitulates or is needlessly contrarian');
  });

  test('a labeler reads no transcript, list, statistic or queue detail (403), and sees only their queues', async () => {
    const who = labelers[0];
    if (!who) throw new Error('a labeler');
    const [row] = (await t.database.client.execute('SELECT id FROM transcripts LIMIT 1')).rows;
    for (const path of [`/api/v1/transcripts/${String(row?.['id'])}`, '/api/v1/transcripts', '/api/v1/stats/traits', `/api/v1/queues/${queueId}`, `/api/v1/queues/${queueId}/adjudication`, '/api/v1/comparisons']) {
      expect((await t.app.request(path, { headers: who.headers })).status, path).toBe(403);
    }
    const mine: any = await (await t.app.request('/api/v1/queues', { headers: who.headers })).json();
    expect(mine.items.map((q: { id: string }) => q.id)).toEqual([queueId]);
    // Their own progress, counted here from the assignments: items they finished, and items still open to them.
    const [user] = (await t.database.client.execute({ sql: 'SELECT id FROM users WHERE email = ?', args: [who.email] })).rows;
    const done = Number((await t.database.client.execute({ sql: "SELECT count(*) AS n FROM queue_assignments WHERE queue_id = ? AND user_id = ? AND status = 'done'", args: [queueId, String(user?.['id'])] })).rows[0]?.['n']);
    const open = Number(
      (
        await t.database.client.execute({
          sql: "SELECT count(*) AS n FROM queue_items i WHERE i.queue_id = ? AND NOT EXISTS (SELECT 1 FROM queue_assignments a WHERE a.item_id = i.id AND a.user_id = ? AND a.status = 'done') AND (SELECT count(*) FROM queue_assignments a WHERE a.item_id = i.id AND a.status = 'done') < (SELECT overlap FROM label_queues WHERE id = ?)",
          args: [queueId, String(user?.['id']), queueId],
        })
      ).rows[0]?.['n'],
    );
    expect(mine.items[0].mine).toEqual({ done, available: open });
    expect(done + open).toBeGreaterThan(0);
  });

  test('disagreements reach adjudication with each label and comment; the researcher’s value stands', async () => {
    const list: any = await (await t.request(`/api/v1/queues/${queueId}/adjudication`)).json();
    expect(list.items.length).toBe(4);
    const [item] = list.items;
    expect(item.spread).toBe(4);
    expect(item.labels.map((l: { value: number }) => l.value).sort()).toEqual([1, 5]);
    expect(item.labels.map((l: { comment: string }) => l.comment).sort()).toEqual(['by labeler0@label.example', 'by labeler1@label.example']);
    const res = await t.request(`/api/v1/queues/${queueId}/items/${item.itemId}/adjudicate`, json({ trait: 'pushback', value: 3, reason: 'the correction came late' }));
    expect(res.status).toBe(201);
    const detail: any = await (await t.request(`/api/v1/transcripts/${item.transcriptId}`)).json();
    expect(detail.traitValues.find((v: { source: string; trait: string }) => v.source === 'human' && v.trait === 'pushback')).toMatchObject({ value: 3, adjudicated: true, raters: 2 });
    const again: any = await (await t.request(`/api/v1/queues/${queueId}/adjudication`)).json();
    expect(again.items.find((i: { itemId: string }) => i.itemId === item.itemId).adjudicated).toMatchObject({ value: 3, reason: 'the correction came late', by: 'admin@example.com' });
    const audit: any = await (await t.request('/api/v1/audit?action=queue.adjudicate')).json();
    expect(audit.items).toHaveLength(1);
    // The round's agreement is a statistics call away: alpha over the two labelers (they disagree completely).
    const agreement: any = await (await t.request('/api/v1/stats/agreement?trait=pushback')).json();
    expect(agreement.raters.map((r: { rater: string }) => r.rater)).toEqual(expect.arrayContaining(['labeler0@label.example', 'labeler1@label.example']));
    // Labels given outside the queue count on the server-wide figure, not on the queue's.
    const outside = nativeLine({ external_id: 'outside-labels', scores: ['outsider-a', 'outsider-b'].map((labeler, i) => ({ trait: 'pushback', value: 2 + i, source: 'human', labeler })) });
    expect((await t.upload(ndjson([outside]))).status).toBe(200);
    const all: any = await (await t.request('/api/v1/stats/agreement?trait=pushback')).json();
    const queued: any = await (await t.request(`/api/v1/stats/agreement?trait=pushback&queue=${queueId}`)).json();
    expect(all.raters.map((r: { rater: string }) => r.rater)).toEqual(expect.arrayContaining(['outsider-a', 'outsider-b']));
    expect(queued.raters.filter((r: { kind: string }) => r.kind === 'human').map((r: { rater: string }) => r.rater).sort()).toEqual(['labeler0@label.example', 'labeler1@label.example']);
    expect(queued.alpha.units).toBe(all.alpha.units - 1);
    const missing = await t.request('/api/v1/stats/agreement?trait=pushback&queue=no-such-queue');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.message).toMatch(/no-such-queue/);
  });
});

describe('bad labels are clear 4xx, and write nothing', () => {
  test('out of scale, a trait not in the queue, twice, not assigned, an expired lease; overlap beyond the labelers', async () => {
    const { t, labelers } = await setup({ labelers: 2, scenarios: 2 });
    try {
      const [a, b] = labelers;
      if (!a || !b) throw new Error('two labelers');
      const tooMany = await createQueue(t, { name: 'x', traits: ['pushback'], where: {}, overlap: 3, labelers: [a.email, b.email] });
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(tooMany.body)).toMatch(/overlap is larger than the number of labelers/);
      const unknown = await createQueue(t, { name: 'x', traits: ['pushback'], where: {}, labelers: ['nobody@label.example'] });
      expect(unknown.status).toBe(404);
      const queue = await createQueue(t, { name: 'checks', traits: ['pushback'], where: {}, overlap: 1, labelers: [a.email, b.email] });
      const scoresBefore = await t.count('scores');
      const { body } = await next(t, queue.body.id, a);
      const itemId = body.item.id;
      expect((await label(t, queue.body.id, itemId, a, { trait: 'pushback', value: 7 })).status).toBe(400);
      expect((await label(t, queue.body.id, itemId, a, { trait: 'pushback', value: 2.5 })).status).toBe(400);
      expect((await label(t, queue.body.id, itemId, a, { trait: 'warmth', value: 3 })).status).toBe(400);
      expect((await label(t, queue.body.id, itemId, a, { trait: 'pushback', winner: 'first' })).status).toBe(400);
      expect((await label(t, queue.body.id, itemId, b, { trait: 'pushback', value: 3 })).status).toBe(409);
      expect(await t.count('scores')).toBe(scoresBefore);
      expect((await label(t, queue.body.id, itemId, a, { trait: 'pushback', value: 3, evidence: [{ message_index: 1, quote: 'it is rock' }, { message_index: 1, quote: 'not in it' }] })).status).toBe(201);
      const stored = (await t.database.client.execute("SELECT evidence FROM scores WHERE source = 'human'")).rows;
      expect(JSON.parse(String(stored[0]?.['evidence'])).map((e: { verified: boolean }) => e.verified)).toEqual([true, false]);
      expect((await label(t, queue.body.id, itemId, a, { trait: 'pushback', value: 4 })).status).toBe(409);
      // b's lease runs out: the item goes back to the pool and b's late label is refused.
      // (Expired by the clock in the database, not by waiting: a short real lease ran out mid-test under load.)
      const leased = await next(t, queue.body.id, b);
      await t.database.client.execute({ sql: "UPDATE queue_assignments SET lease_expires_at = ? WHERE status = 'leased'", args: [Date.now() - 1] });
      const late = await label(t, queue.body.id, leased.body.item.id, b, { trait: 'pushback', value: 3 });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/lease on this item expired/);
      expect(await t.count('scores')).toBe(scoresBefore + 1);
    } finally {
      t.cleanup();
    }
  });
});

describe('undo, gold items and pairwise', () => {
  test('undo withdraws with a new row (nothing deleted), and the item can be labeled again', async () => {
    const { t, labelers } = await setup({ labelers: 1, scenarios: 1 });
    try {
      const [who] = labelers;
      if (!who) throw new Error('a labeler');
      const queue = await createQueue(t, { name: 'undo', traits: ['pushback', 'warmth'], transcriptIds: [String((await t.database.client.execute('SELECT id FROM transcripts LIMIT 1')).rows[0]?.['id'])], labelers: [who.email] });
      const { body } = await next(t, queue.body.id, who);
      expect((await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', value: 2 })).body.itemDone).toBe(false);
      const undo = await t.app.request(`/api/v1/queues/${queue.body.id}/items/${body.item.id}/undo`, { method: 'POST', headers: who.headers });
      expect(await undo.json()).toMatchObject({ trait: 'pushback' });
      const again = await next(t, queue.body.id, who);
      expect(again.body.item.id).toBe(body.item.id);
      expect(again.body.item.myLabels).toEqual([]);
      await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', value: 5 });
      const done = await label(t, queue.body.id, body.item.id, who, { trait: 'warmth', na: true });
      expect(done.body.itemDone).toBe(true);
      const rows = (await t.database.client.execute("SELECT s.status, s.value FROM scores s JOIN traits tr ON tr.id = s.trait_id WHERE s.source = 'human' AND tr.slug = 'pushback' ORDER BY s.id")).rows;
      expect(rows.map((r) => [r['status'], r['value']])).toEqual([['valid', 2], ['withdrawn', null], ['valid', 5]]);
      const detail: any = await (await t.request(`/api/v1/transcripts/${String((await t.database.client.execute('SELECT id FROM transcripts LIMIT 1')).rows[0]?.['id'])}`)).json();
      expect(detail.traitValues.find((v: any) => v.trait === 'pushback' && v.source === 'human')).toMatchObject({ value: 5, raters: 1 });
    } finally {
      t.cleanup();
    }
  });

  test('gold items give each labeler’s accuracy to researchers only', async () => {
    const { t, labelers } = await setup({ labelers: 1, scenarios: 2 });
    try {
      const [who] = labelers;
      if (!who) throw new Error('a labeler');
      const ids = (await t.database.client.execute('SELECT id FROM transcripts ORDER BY id')).rows.map((r) => String(r['id']));
      const queue = await createQueue(t, { name: 'calibration', traits: ['pushback'], transcriptIds: ids.slice(0, 2), gold: [{ transcriptId: ids[0], answers: { pushback: 4 } }], labelers: [who.email] });
      for (;;) {
        const { body, text } = await next(t, queue.body.id, who);
        expect(text).not.toMatch(/"gold"|"answers"|: 4\b/);
        if (!body.item) break;
        await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', value: 4 });
      }
      const detail: any = await (await t.request(`/api/v1/queues/${queue.body.id}`)).json();
      expect(detail.labelers[0].gold).toEqual({ items: 1, correct: 1, accuracy: 1 });
      expect(detail.items.filter((i: { gold: boolean }) => i.gold)).toHaveLength(1);
    } finally {
      t.cleanup();
    }
  });

  test('pairwise items show two transcripts of one scenario, sides in a stored random order; the verdict is a comparison', async () => {
    const { t, labelers } = await setup({ labelers: 2, scenarios: 3 });
    try {
      const queue = await createQueue(t, { name: 'pairs', traits: ['pushback'], where: {}, pairwise: true, overlap: 2, labelers: labelers.map((l) => l.email) });
      expect(queue.body.items).toBe(3);
      for (const who of labelers) {
        for (;;) {
          const { body } = await next(t, queue.body.id, who);
          if (!body.item) break;
          expect(body.item.second).not.toBeNull();
          expect((await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', value: 3 })).status).toBe(400);
          expect((await label(t, queue.body.id, body.item.id, who, { trait: 'pushback', winner: 'first' })).status).toBe(201);
        }
      }
      const stored = (await t.database.client.execute("SELECT shown_order, winner, labeler FROM comparisons WHERE source = 'human'")).rows;
      expect(stored).toHaveLength(6);
      // "first" won every time: the stored winner follows the order each labeler saw.
      for (const r of stored) expect(r['winner']).toBe(r['shown_order'] === 'ab' ? 'a' : 'b');
      const ratings: any = await (await t.request('/api/v1/stats/ratings?trait=pushback&source=human')).json();
      expect(ratings.comparisons).toBe(6);
      expect(ratings.positionBias.firstWinShare).toBe(1);
    } finally {
      t.cleanup();
    }
  });
});
