import { createHash } from 'node:crypto';
import { describeCase, reproduction } from './case.ts';
import { generateCase } from './generate.ts';
import { createFuzzTarget } from './target.ts';

/**
 * `npx tsx tests/fuzz/replay.ts SEED INDEX…`: regenerates cases and sends each to a fresh seeded app,
 * printing the answer and every error the server logged (with its stack). Ids in paths come from the fresh
 * database, so a case that named a stored transcript names a different one; everything else is the same.
 */
const [seedText, ...indexTexts] = process.argv.slice(2);
const seed = Number(seedText);
if (!Number.isInteger(seed) || !indexTexts.length) {
  process.stderr.write('usage: npx tsx tests/fuzz/replay.ts SEED INDEX…\n');
  process.exit(2);
}
const target = await createFuzzTarget();
try {
  for (const indexText of indexTexts) {
    const index = Number(indexText);
    const c = generateCase(seed, index, target.context);
    const origin = { seed, index };
    process.stdout.write(`${describeCase(c, origin)}\n${JSON.stringify(reproduction(c, origin, (b) => createHash('sha256').update(b).digest('hex')))}\n`);
    const headers: Record<string, string> = { ...c.headers };
    if ((c.auth ?? 'admin') === 'admin') headers['authorization'] = `Bearer ${target.t.token}`;
    const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : new Uint8Array(c.body);
    try {
      const res = await target.t.app.request(c.path, { method: c.method, headers, ...(body === undefined ? {} : { body }) });
      process.stdout.write(`→ ${res.status} ${(await res.text()).slice(0, 2000)}\n`);
    } catch (err) {
      process.stdout.write(`→ threw: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    for (const e of target.takeErrors()) process.stdout.write(`logged ${e.event}: ${String(e.fields['message'])}\n${String(e.fields['stack'] ?? '')}\n`);
  }
} finally {
  target.close();
}
