import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Limits } from '../../server/env.ts';
import { startCharlens } from '../helpers/server.ts';
import { describeCase, reproduction, type FuzzCase, type Reproduction } from './case.ts';
import { generateCase } from './generate.ts';
import type { FuzzContext } from './gen/context.ts';
import { fuzzLimits, loadFixtures } from './target.ts';

/**
 * The crash check: the upload cases most likely to kill a process (multipart framing, archives, gzip) sent
 * over real sockets to `charlens serve`, then the process must still be running and `/api/v1/health` must
 * answer. An in-process run cannot show this: there an uncaught exception is only an event.
 */

const TOKEN = 'clt_fuzz-crash-token';

export interface CrashFinding {
  kind: 'connection' | 'server-error' | 'unhandled-log' | 'exited';
  message: string;
  reproduction?: Reproduction;
}

export interface CrashReport {
  cases: number;
  statusCounts: Record<string, number>;
  findings: CrashFinding[];
  /** Whether the process was still running after the last case. */
  alive: boolean;
  /** The status of /api/v1/health after the cases (null: no answer). */
  health: number | null;
}

function limitEnv(limits: Limits): Record<string, string> {
  return {
    CHARLENS_MAX_BODY_BYTES: String(limits.maxBodyBytes),
    CHARLENS_MAX_LINE_BYTES: String(limits.maxLineBytes),
    CHARLENS_MAX_MESSAGES: String(limits.maxMessagesPerTranscript),
    CHARLENS_MAX_ARCHIVE_ENTRIES: String(limits.maxArchiveEntries),
    CHARLENS_MAX_IMPORT_FILES: String(limits.maxImportFiles),
  };
}

/**
 * Multipart, archive and gzip cases with something wrong in the framing or the compression: the ones that go
 * through streams, spool files and inflaters, where an error can be emitted with no one listening.
 */
export function isCrashCandidate(c: FuzzCase): boolean {
  if (c.name.startsWith('import/')) return /truncated|unclosed|field:|lf|gzip|bomb|eval:|many-files|twice|empty-file/u.test(c.name);
  return /gzip|bomb/u.test(c.name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An `unhandled` line of the server's JSON log, shortened to its message and the top of its stack. */
function unhandledLog(line: string): string | null {
  if (!line.includes('"unhandled"')) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line.slice(0, 600);
  }
  if (!isRecord(entry) || entry['event'] !== 'unhandled') return null;
  const message = String(entry['message'] ?? '').split('\n')[0]?.slice(0, 300) ?? '';
  const frames = String(entry['stack'] ?? '')
    .split('\n')
    .filter((l) => l.trim().startsWith('at '))
    .slice(0, 5)
    .map((l) => l.trim());
  return `${String(entry['path'])}: ${message} ${frames.join(' ← ')}`;
}

/** What Node printed as the process died (the non-JSON lines: `throw er;`, the error, its frames). */
function crashTrace(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim() && !l.startsWith('{') && !l.startsWith('charlens '));
  return lines.slice(0, 14).map((l) => l.trim()).join(' | ');
}

export async function crashRun(options: { seed: number; count: number; limits?: Partial<Limits>; timeoutMs?: number }): Promise<CrashReport> {
  const limits = { ...fuzzLimits, ...options.limits };
  const dir = mkdtempSync(join(tmpdir(), 'charlens-fuzz-crash-'));
  const server = await startCharlens({
    DATABASE_URL: `file:${join(dir, 'crash.db')}`,
    CHARLENS_INIT_ADMIN_EMAIL: 'admin@example.com',
    CHARLENS_INIT_ADMIN_PASSWORD: 'admin-password',
    CHARLENS_INIT_API_TOKEN: TOKEN,
    CHARLENS_SPOOL_DIR: dir,
    ...limitEnv(limits),
  });
  const findings: CrashFinding[] = [];
  const statusCounts: Record<string, number> = {};
  const running = () => server.process.exitCode === null && server.process.signalCode === null;
  let cases = 0;
  try {
    const openapi: unknown = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    const context: FuzzContext = { openapi, limits, fixtures: loadFixtures(), known: { transcriptIds: [], scenarioKeys: [], externalIds: [], models: [], traits: [], tokenIds: [] } };
    const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    for (let index = 0; cases < options.count && index < options.count * 20; index++) {
      const c = generateCase(options.seed, index, context, { import: 3, batch: 1 });
      if (!isCrashCandidate(c)) continue;
      cases++;
      const origin = { seed: options.seed, index };
      const headers: Record<string, string> = { ...c.headers };
      if ((c.auth ?? 'admin') === 'admin') headers['authorization'] = `Bearer ${TOKEN}`;
      const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : new Uint8Array(c.body);
      try {
        const res = await fetch(`${server.url}${c.path}`, { method: c.method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
        await res.arrayBuffer();
        statusCounts[String(res.status)] = (statusCounts[String(res.status)] ?? 0) + 1;
        if (res.status >= 500) findings.push({ kind: 'server-error', message: `${describeCase(c, origin)} answered ${res.status}`, reproduction: reproduction(c, origin, sha256) });
      } catch (err) {
        statusCounts['error'] = (statusCounts['error'] ?? 0) + 1;
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        findings.push({ kind: 'connection', message: `${describeCase(c, origin)}: ${err instanceof Error ? err.message : String(err)}${cause}`, reproduction: reproduction(c, origin, sha256) });
        // A dropped connection is often the process dying: give its exit a moment to arrive before going on.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (!running()) {
        findings.push({ kind: 'exited', message: `charlens serve exited (${server.process.exitCode ?? server.process.signalCode}) after ${describeCase(c, origin)}`, reproduction: reproduction(c, origin, sha256) });
        break;
      }
    }
    let health: number | null = null;
    try {
      health = (await fetch(`${server.url}/api/v1/health`, { signal: AbortSignal.timeout(5_000) })).status;
    } catch {
      health = null;
    }
    for (const line of server.output().split('\n')) {
      const logged = unhandledLog(line);
      if (logged) findings.push({ kind: 'unhandled-log', message: logged });
    }
    if (!running()) {
      if (!findings.some((f) => f.kind === 'exited')) findings.push({ kind: 'exited', message: `charlens serve exited (${server.process.exitCode ?? server.process.signalCode})` });
      findings.push({ kind: 'unhandled-log', message: `the process's last words: ${crashTrace(server.output())}` });
    }
    return { cases, statusCounts, findings, alive: running(), health };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
