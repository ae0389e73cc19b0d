import { createClient } from '@libsql/client';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { createApiToken, createUser } from '../server/auth/users.ts';
import { BENCH_TOKEN, startBenchServer } from './server.ts';
import { percentile } from './stats.ts';

/**
 * Loopback load on labeling (issue "Human labeling"): 20 labelers at once, each asking for the next item and
 * labeling it, for `seconds`, against a real `charlens serve`. Reports p95 of `next` and of the submit, the
 * throughput, and whether any label was lost or doubled (labels stored = labels answered 201; no item over its
 * overlap; nobody twice on one item).
 */
export async function labelingBench(dir: string, seconds: number): Promise<{ benchmark: string; result: string; target: string }[]> {
  const url = `file:${join(dir, 'labeling.db')}`;
  const server = await startBenchServer(url);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const auth = { authorization: `Bearer ${BENCH_TOKEN}` };
    // Enough items that no labeler runs out: 3 models × 400 scenarios, overlap 3.
    const lines: string[] = [];
    for (let s = 0; s < 400; s++) {
      for (const model of ['lab-a', 'lab-b', 'lab-c']) {
        lines.push(JSON.stringify({ external_id: `${model}/${s}`, model, scenario: `s${s}`, messages: [{ role: 'user', content: `Is the moon made of cheese? (${s})` }, { role: 'assistant', content: `No: rock. (${model})` }] }));
      }
    }
    const upload = await fetch(`${server.url}/api/v1/transcripts/batch`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
    if (upload.status !== 200) throw new Error(`labeling bench upload: ${upload.status}`);
    // Labelers are made in the server's database directly (the CLI's way); the server reads them at once.
    const database = await createDb(url);
    const tokens: { email: string; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const email = `bench-labeler-${i}@example.com`;
      const user = await createUser(database, { email, password: 'bench-labeler-password', role: 'labeler' }, null);
      tokens.push({ email, token: (await createApiToken(database, { userId: user.id, name: 'bench', scopes: ['label'] })).token });
    }
    database.close();
    const created = await fetch(`${server.url}/api/v1/queues`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', traits: ['pushback'], where: {}, overlap: 3, labelers: tokens.map((t) => t.email) }),
    });
    if (created.status !== 201) throw new Error(`labeling bench queue: ${created.status} ${await created.text()}`);
    const { id: queueId } = (await created.json()) as { id: string };

    log(`labeling: 20 labelers for ${seconds} s…`);
    const nextTimes: number[] = [];
    const submitTimes: number[] = [];
    let answered = 0;
    let errors = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      tokens.map(async ({ token }, i) => {
        const headers = { authorization: `Bearer ${token}` };
        while (Date.now() < until) {
          let start = performance.now();
          const next = await fetch(`${server.url}/api/v1/queues/${queueId}/next`, { headers });
          const body = (await next.json()) as { item: { id: string } | null };
          nextTimes.push(performance.now() - start);
          if (!body.item) break;
          start = performance.now();
          const res = await fetch(`${server.url}/api/v1/queues/${queueId}/items/${body.item.id}/labels`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ trait: 'pushback', value: 1 + (i % 5) }),
          });
          await res.arrayBuffer();
          submitTimes.push(performance.now() - start);
          if (res.status === 201) answered++;
          else errors++;
        }
      }),
    );
    // Count what was stored, straight from the file (the server has written it through its queue).
    const client = createClient({ url });
    const stored = Number((await client.execute("SELECT count(*) AS n FROM scores WHERE source = 'human'")).rows[0]?.['n']);
    const overFull = Number((await client.execute("SELECT count(*) AS n FROM (SELECT item_id FROM queue_assignments WHERE status = 'done' GROUP BY item_id HAVING count(*) > 3)")).rows[0]?.['n']);
    const doubled = Number((await client.execute("SELECT count(*) AS n FROM (SELECT queue_item_id, labeler FROM scores WHERE source = 'human' GROUP BY queue_item_id, labeler HAVING count(*) > 1)")).rows[0]?.['n']);
    client.close();
    nextTimes.sort((a, b) => a - b);
    submitTimes.sort((a, b) => a - b);
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
    return [
      { benchmark: `labeling: 20 labelers for ${seconds} s, next`, result: fmt(nextTimes), target: 'reported' },
      { benchmark: `labeling: 20 labelers for ${seconds} s, submit a label`, result: `${fmt(submitTimes)}; ${(answered / seconds).toFixed(1)} labels/s`, target: 'reported' },
      {
        benchmark: 'labeling: labels lost or doubled',
        result: `${answered} answered 201, ${stored} stored, ${errors} refused, ${overFull} items over overlap, ${doubled} labeler twice on an item`,
        target: 'stored = answered, 0 over, 0 twice',
      },
    ];
  } finally {
    await server.stop();
  }
}
