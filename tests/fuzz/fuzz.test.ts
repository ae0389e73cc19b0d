import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runFuzz, type FindingKind, type FuzzReport } from './harness.ts';
import { crashRun, type CrashReport } from './real-server.ts';
import { findingDetail, findingLine, reportSummary } from './report.ts';

// A fixed seed: the same 400 requests on every run, so a failure here is reproducible with
// `npx tsx tests/fuzz/replay.ts 20261203 INDEX` (the index is in each finding). bench/fuzz.ts runs 10,000.
const SEED = 20_261_203;
const CASES = 400;
// Smaller than the harness's defaults so that the gzip bombs (sized around the body limit) stay cheap.
const limits = { maxBodyBytes: 3 * 1024 * 1024, maxLineBytes: 1024 * 1024 };

describe('seeded hostile requests against the app', () => {
  let report: FuzzReport;
  beforeAll(async () => {
    report = await runFuzz({ seed: SEED, count: CASES, limits });
  }, 120_000);
  afterAll(() => {
    // The whole picture once, for whoever reads a failing run: statuses, distinct findings, slowest requests.
    if (report?.findings.length) process.stderr.write(`${reportSummary(report)}\n\n${report.findings.map(findingDetail).join('\n\n')}\n`);
  });
  const findings = (...kinds: FindingKind[]) => report.findings.filter((f) => kinds.includes(f.kind)).map(findingLine);

  test('every case was sent and answered, mostly with 4xx, some accepted', () => {
    expect(report.cases).toBe(CASES);
    const count = (from: number, to: number) => Object.entries(report.statusCounts).reduce((n, [s, k]) => (Number(s) >= from && Number(s) < to ? n + k : n), 0);
    // A generator that only ever produced 401s or 404s would pass everything below without testing anything.
    expect(count(200, 300)).toBeGreaterThan(CASES / 20);
    expect(count(400, 500)).toBeGreaterThan(CASES / 2);
  });

  test('no request is answered with a 5xx', () => {
    expect(findings('server-error')).toEqual([]);
  });

  test('every answer is one the OpenAPI document allows', () => {
    expect(findings('contract')).toEqual([]);
  });

  test('rows written are exactly what the 2xx answers reported, and refused requests write nothing', () => {
    expect(findings('partial-write')).toEqual([]);
  });

  test('no request stalls, crashes the process, or throws out of the app', () => {
    expect(findings('stall', 'process-crash', 'escaped-error', 'unhandled-rejection', 'logged-error')).toEqual([]);
  });
});

describe('multipart and gzip cases against a real server process', () => {
  let crash: CrashReport;
  beforeAll(async () => {
    crash = await crashRun({ seed: SEED, count: 40, limits });
  }, 120_000);

  test('the process is still running and /api/v1/health answers', () => {
    expect(crash.alive).toBe(true);
    expect(crash.health).toBe(200);
    expect(crash.cases).toBe(40);
  });

  test('no connection was dropped, no 5xx, nothing logged as unhandled', () => {
    expect(crash.findings.map((f) => `${f.kind}: ${f.message.slice(0, 700)}`)).toEqual([]);
  });
});
