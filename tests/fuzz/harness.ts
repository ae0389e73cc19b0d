import { createHash } from 'node:crypto';
import type { Limits } from '../../server/env.ts';
import { describeCase, reproduction, type CaseOrigin, type FuzzCase, type Reproduction } from './case.ts';
import { generateCase, type Family } from './generate.ts';
import { inconsistencies, readCounts, writtenBy, type Counts } from './ledger.ts';
import { createFuzzTarget, type FuzzTarget, type LoggedError } from './target.ts';

/**
 * Runs generated cases against the real app in-process, one at a time, and records what a user would call a
 * bug: a 5xx, an answer the OpenAPI document does not allow (createTestApp's contract check throws), rows
 * written that the answer did not report (or written by a refused request), a request that does not finish,
 * an error escaping the app. Plus counts by status and the slowest requests.
 */

export type FindingKind =
  | 'server-error'
  | 'contract'
  | 'partial-write'
  | 'stall'
  | 'logged-error'
  | 'escaped-error'
  | 'unhandled-rejection'
  /** An uncaught exception: in `charlens serve` it ends the process. Caught here only to keep fuzzing. */
  | 'process-crash';

export interface Finding {
  kind: FindingKind;
  caseName: string;
  status: number | null;
  message: string;
  /** The stack the server logged (`logger.error('unhandled', …)`), when it logged one. */
  stack?: string;
  reproduction: Reproduction;
}

export interface TimedRequest {
  ms: number;
  status: number | null;
  description: string;
  reproduction: Reproduction;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  durationMs: number;
  statusCounts: Record<string, number>;
  statusCountsByFamily: Record<string, Record<string, number>>;
  findings: Finding[];
  slowest: TimedRequest[];
  counts: Counts;
}

export interface FuzzOptions {
  seed: number;
  /** Cases 0 … count − 1 of the seed. */
  count: number;
  /** Instead of 0 … count − 1: exactly these cases of the seed (a corpus of past findings). */
  indices?: readonly number[];
  limits?: Partial<Limits>;
  weights?: Partial<Record<Family, number>>;
  /** How many of the slowest requests to keep. */
  slowest?: number;
  /** A request (answer and body) taking longer than this is a stall. */
  timeoutMs?: number;
  /** Called as each finding is made (the bench prints reproductions as they come). */
  onFinding?: (finding: Finding) => void;
  onProgress?: (done: number, total: number) => void;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const STALLS_BEFORE_GIVING_UP = 5;

/** createTestApp's contract check throws errors that name the OpenAPI document; anything else escaped the app. */
function isContractError(err: unknown): err is Error {
  return err instanceof Error && /OpenAPI/u.test(err.message);
}

/** The status a contract error names (`GET /x answered 204, which…`, `GET /x 200: the body…`). */
function statusInContractError(message: string): number | null {
  const match = /^\S+ \S+ (?:answered )?(\d{3})\b/u.exec(message);
  return match?.[1] ? Number(match[1]) : null;
}

function requestInit(target: FuzzTarget, c: FuzzCase): RequestInit {
  const headers: Record<string, string> = { ...c.headers };
  const auth = c.auth ?? 'admin';
  if (auth === 'admin') headers['authorization'] = `Bearer ${target.t.token}`;
  else if (auth === 'bogus') headers['authorization'] = 'Bearer clt_not-a-token-this-server-gave-out';
  // A copy: BodyInit wants bytes over a plain ArrayBuffer, and a body must not share memory with the case.
  const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : new Uint8Array(c.body);
  return { method: c.method, headers, ...(body === undefined ? {} : { body }) };
}

interface Outcome {
  status: number | null;
  body: string;
  ms: number;
  error?: unknown;
  stalled?: boolean;
}

async function send(target: FuzzTarget, c: FuzzCase, timeoutMs: number): Promise<Outcome> {
  const start = performance.now();
  const attempt = (async (): Promise<Outcome> => {
    try {
      const res = await target.t.app.request(c.path, requestInit(target, c));
      const body = await res.text();
      return { status: res.status, body, ms: performance.now() - start };
    } catch (error) {
      return { status: isContractError(error) ? statusInContractError(error.message) : null, body: '', ms: performance.now() - start, error };
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: null, body: '', ms: timeoutMs, stalled: true }), timeoutMs);
  });
  try {
    return await Promise.race([attempt, stall]);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function familyOf(name: string): string {
  return name.split('/')[0] ?? name;
}

function stackOf(errors: LoggedError[]): { message: string; stack?: string } | null {
  const first = errors[0];
  if (!first) return null;
  const message = typeof first.fields['message'] === 'string' ? first.fields['message'] : first.event;
  const stack = typeof first.fields['stack'] === 'string' ? first.fields['stack'] : undefined;
  return stack === undefined ? { message } : { message, stack };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const keepSlowest = options.slowest ?? 10;
  const target = await createFuzzTarget(options.limits ? { limits: options.limits } : {});
  const findings: Finding[] = [];
  const statusCounts: Record<string, number> = {};
  const statusCountsByFamily: Record<string, Record<string, number>> = {};
  const slowest: TimedRequest[] = [];
  const rejections: unknown[] = [];
  const crashes: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const onCrash = (err: unknown) => crashes.push(err);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onCrash);
  const started = performance.now();
  let stalls = 0;
  let cases = 0;
  try {
    let counts = await readCounts(target.t);
    const indices = options.indices ?? Array.from({ length: options.count }, (_, i) => i);
    for (const index of indices) {
      const origin: CaseOrigin = { seed: options.seed, index };
      const c = generateCase(options.seed, index, target.context, options.weights);
      const repro = () => reproduction(c, origin, sha256);
      const record = (finding: Omit<Finding, 'caseName' | 'reproduction'>) => {
        const full: Finding = { ...finding, caseName: c.name, reproduction: repro() };
        findings.push(full);
        options.onFinding?.(full);
      };
      const outcome = await send(target, c, timeoutMs);
      cases++;
      const key = outcome.stalled ? 'stall' : outcome.status === null ? 'error' : String(outcome.status);
      statusCounts[key] = (statusCounts[key] ?? 0) + 1;
      const family = familyOf(c.name);
      const byFamily = (statusCountsByFamily[family] ??= {});
      byFamily[key] = (byFamily[key] ?? 0) + 1;

      const logged = target.takeErrors();
      const logDetail = stackOf(logged);
      if (outcome.stalled) {
        stalls++;
        record({ kind: 'stall', status: null, message: `no complete answer within ${timeoutMs} ms` });
      } else if (outcome.error !== undefined) {
        if (isContractError(outcome.error)) record({ kind: 'contract', status: outcome.status, message: outcome.error.message });
        else record({ kind: 'escaped-error', status: null, message: outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error) });
      }
      if (outcome.status !== null && outcome.status >= 500) {
        record({ kind: 'server-error', status: outcome.status, message: logDetail?.message ?? outcome.body.slice(0, 500), ...(logDetail?.stack ? { stack: logDetail.stack } : {}) });
      } else if (logDetail) {
        record({ kind: 'logged-error', status: outcome.status, message: `${logged[0]?.event}: ${logDetail.message}`, ...(logDetail.stack ? { stack: logDetail.stack } : {}) });
      }
      for (const err of crashes.splice(0)) {
        record({ kind: 'process-crash', status: outcome.status, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
      for (const reason of rejections.splice(0)) {
        record({ kind: 'unhandled-rejection', status: outcome.status, message: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
      }

      if (!outcome.stalled) {
        const timed: TimedRequest = { ms: Math.round(outcome.ms), status: outcome.status, description: describeCase(c, origin), reproduction: repro() };
        if (slowest.length < keepSlowest || timed.ms > (slowest.at(-1)?.ms ?? 0)) {
          slowest.push(timed);
          slowest.sort((a, b) => b.ms - a.ms);
          slowest.length = Math.min(slowest.length, keepSlowest);
        }
      }

      // Reads cannot write; checking after them too would double the run for nothing. The final check covers them.
      if (c.method !== 'GET' && c.method !== 'HEAD' && !outcome.stalled) {
        const after = await readCounts(target.t);
        const problems = inconsistencies(counts, after, outcome.status, writtenBy(parseJson(outcome.body)));
        if (problems.length) record({ kind: 'partial-write', status: outcome.status, message: problems.join('; ') });
        counts = after;
      } else if (outcome.stalled) {
        // A stalled request may still be writing: start the ledger again from what is there now.
        counts = await readCounts(target.t);
        if (stalls >= STALLS_BEFORE_GIVING_UP) break;
      }
      options.onProgress?.(cases, indices.length);
    }
    const final = await readCounts(target.t);
    const drift = inconsistencies(counts, final, 200, { transcripts: 0, scores: 0, comparisons: 0, batches: 0 });
    if (drift.length) {
      findings.push({ kind: 'partial-write', caseName: '(reads)', status: null, message: `changed by GET requests: ${drift.join('; ')}`, reproduction: { seed: options.seed, index: -1, name: '(reads)', method: 'GET', path: '', headers: {}, auth: 'admin', body: null } });
    }
    return { seed: options.seed, cases, durationMs: Math.round(performance.now() - started), statusCounts, statusCountsByFamily, findings, slowest, counts: final };
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onCrash);
    target.close();
  }
}
