import { Presets, SingleBar } from 'cli-progress';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { readCliEnv } from '../env.ts';

export const JUDGE_USAGE = `  charlens judge --traits pushback,sycophancy [--where model=NAME,scenario=KEY,tag=TAG | --transcripts ID,…]
                 [--model JUDGE_MODEL] [--samples K] [--batch] [--pairwise] [--budget USD] [--yes]
                 [--url URL] [--token TOKEN]
                                          estimate, confirm, start a judge run and follow it with a progress bar
`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

interface RunProgress {
  status: string;
  counts: { pending: number; done: number; failed: number; invalid: number; cancelled: number };
  costUsd: number;
  jobCount: number;
  tokens?: { cacheReadShare?: number };
}

const FINAL = ['done', 'cancelled', 'budget_exhausted'];

/**
 * `charlens judge …`: asks the server for an estimate, shows it and asks before starting (unless --yes), then
 * follows the run's server-sent events with a progress bar. Exit code 0 when every job is done, 1 when the run
 * ended with failed or invalid jobs, stopped at its budget or was cancelled, 2 for bad arguments.
 */
export async function judgeCommand(args: string[], io: CliIo = process): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`charlens: ${message}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        traits: { type: 'string' },
        where: { type: 'string' },
        transcripts: { type: 'string' },
        model: { type: 'string' },
        samples: { type: 'string', default: '1' },
        batch: { type: 'boolean', default: false },
        pairwise: { type: 'boolean', default: false },
        budget: { type: 'string', default: '10' },
        yes: { type: 'boolean', short: 'y', default: false },
        url: { type: 'string' },
        token: { type: 'string' },
      },
    }));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const cli = readCliEnv();
  const url = values.url ?? cli.url ?? 'http://127.0.0.1:8787';
  const token = values.token ?? cli.token;
  if (!token) return fail('judge needs --token or CHARLENS_TOKEN');
  if (!values.traits) return fail('judge needs --traits (e.g. --traits pushback,sycophancy)');
  const where: Record<string, string> = {};
  for (const pair of (values.where ?? '').split(',').filter(Boolean)) {
    const [key, ...rest] = pair.split('=');
    if (!key || !['model', 'scenario', 'tag'].includes(key) || !rest.length) return fail(`--where takes model=…,scenario=…,tag=…; not "${pair}"`);
    where[key] = rest.join('=');
  }
  const samples = Number(values.samples);
  const budgetUsd = Number(values.budget);
  if (!Number.isInteger(samples) || samples < 1) return fail('--samples must be a whole number ≥ 1');
  if (!(budgetUsd > 0)) return fail('--budget must be a number of US dollars above 0');
  const body = {
    traits: values.traits.split(',').map((s) => s.trim()).filter(Boolean),
    ...(values.transcripts ? { transcriptIds: values.transcripts.split(',').map((s) => s.trim()).filter(Boolean) } : { where }),
    ...(values.model ? { judgeModel: values.model } : {}),
    samples,
    mode: values.batch ? 'batch' : 'sync',
    pairwise: values.pairwise,
    budgetUsd,
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (path: string, payload: unknown) => {
    const res = await fetch(new URL(path, url), { method: 'POST', headers, body: JSON.stringify(payload) });
    const json: unknown = await res.json().catch(() => null);
    return { ok: res.ok, status: res.status, json: isRecord(json) ? json : {} };
  };

  let estimateRes;
  try {
    estimateRes = await post('/api/v1/judge/estimate', body);
  } catch (err) {
    return fail(`cannot reach ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
  }
  if (!estimateRes.ok) return fail(errorMessage(estimateRes.json, estimateRes.status));
  const estimate = isRecord(estimateRes.json['estimate']) ? estimateRes.json['estimate'] : {};
  io.stdout.write(
    `Judge ${String(estimateRes.json['judgeModel'])}: ${num(estimate['jobs'])} jobs, ~${num(estimate['inputTokens']).toLocaleString('en')} input tokens ` +
      `(${num(estimate['cachedInputTokens']).toLocaleString('en')} from cache), ~${num(estimate['outputTokens']).toLocaleString('en')} output tokens, ` +
      `estimated $${num(estimate['costUsd']).toFixed(4)} (${String(estimate['tokenSource'])}); budget $${budgetUsd}\n`,
  );
  if (!values.yes) {
    if (!io.stdin.isTTY) return fail('pass --yes to start without being asked');
    const rl = createInterface({ input: io.stdin, output: io.stdout });
    const answer = await rl.question('Start this run? [y/N] ');
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stdout.write('Not started.\n');
      return 1;
    }
  }
  const created = await post('/api/v1/judge/runs', body);
  if (!created.ok) return fail(errorMessage(created.json, created.status));
  const runId = String(created.json['id']);
  io.stdout.write(`Run ${runId} started.\n`);

  const bar = io.stderr.isTTY
    ? new SingleBar({ format: 'judging [{bar}] {value}/{total} jobs | ${cost} | {status}', stream: io.stderr, hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(num(estimate['jobs']), 0, { cost: '0.0000', status: 'running' });
  const final = await follow(url, token, runId, (p) => bar?.update(p.counts.done + p.counts.failed + p.counts.invalid, { cost: p.costUsd.toFixed(4), status: p.status }));
  bar?.stop();
  const c = final.counts;
  io.stdout.write(
    `Run ${runId} ${final.status}: ${c.done} done, ${c.invalid} invalid, ${c.failed} failed, ${c.pending} pending; cost $${final.costUsd.toFixed(4)}` +
      `${final.tokens?.cacheReadShare !== undefined ? `, ${(final.tokens.cacheReadShare * 100).toFixed(0)}% of prompt tokens from cache` : ''}\n`,
  );
  return final.status === 'done' && c.failed === 0 && c.invalid === 0 ? 0 : 1;
}

/** Follows the run's event stream; if the stream breaks (a server restart), falls back to polling until the run ends. */
async function follow(url: string, token: string, runId: string, onProgress: (p: RunProgress) => void): Promise<RunProgress> {
  const headers = { authorization: `Bearer ${token}` };
  try {
    const res = await fetch(new URL(`/api/v1/judge/runs/${runId}/events`, url), { headers });
    if (res.body) {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          const parsed: unknown = data ? JSON.parse(data) : null;
          if (isProgress(parsed)) {
            onProgress(parsed);
            if (FINAL.includes(parsed.status)) return parsed;
          }
        }
      }
    }
  } catch {
    // fall through to polling
  }
  for (;;) {
    const res = await fetch(new URL(`/api/v1/judge/runs/${runId}`, url), { headers }).catch(() => null);
    const parsed: unknown = res?.ok ? await res.json() : null;
    if (isProgress(parsed)) {
      onProgress(parsed);
      if (FINAL.includes(parsed.status)) return parsed;
    }
    // Unreachable or not final yet: the server resumes the run when it is back, so keep waiting.
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProgress(value: unknown): value is RunProgress {
  return isRecord(value) && typeof value['status'] === 'string' && isRecord(value['counts']) && typeof value['costUsd'] === 'number';
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function errorMessage(body: Record<string, unknown>, status: number): string {
  const error = isRecord(body['error']) ? body['error'] : {};
  return `the server refused (HTTP ${status}): ${typeof error['message'] === 'string' ? error['message'] : 'no message'}`;
}
