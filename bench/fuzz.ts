import { runFuzz } from '../tests/fuzz/harness.ts';
import { findingDetail, reportSummary, statusSummary } from '../tests/fuzz/report.ts';

/** The fuzz seed of the bench: fixed, so a row that changes between runs means the server changed. */
export const FUZZ_BENCH_SEED = 20_261_202;

/**
 * The fuzz suite at scale: `count` seeded hostile requests against the real app in-process. Returns the
 * bench table's rows; every finding's reproduction goes to stderr as it is found.
 */
export async function fuzzBench(count: number): Promise<{ benchmark: string; result: string; target: string }[]> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const report = await runFuzz({
    seed: FUZZ_BENCH_SEED,
    count,
    slowest: 10,
    onFinding: (f) => log(findingDetail(f)),
    onProgress: (done, total) => {
      if (done % 1000 === 0) log(`fuzz: ${done}/${total}`);
    },
  });
  log(reportSummary(report));
  const count5xx = Object.entries(report.statusCounts).reduce((n, [status, k]) => (Number(status) >= 500 ? n + k : n), 0);
  const kinds = (kind: string) => report.findings.filter((f) => f.kind === kind).length;
  const slowest = report.slowest[0];
  return [
    { benchmark: `fuzz: ${report.cases} hostile requests (seed ${report.seed}), by status`, result: statusSummary(report.statusCounts), target: 'only 2xx and 4xx' },
    { benchmark: 'fuzz: 5xx answers', result: String(count5xx), target: '0' },
    { benchmark: 'fuzz: contract violations (answers the OpenAPI document does not allow)', result: String(kinds('contract')), target: '0' },
    { benchmark: 'fuzz: partial writes (rows the answer did not report)', result: String(kinds('partial-write')), target: '0' },
    { benchmark: 'fuzz: uncaught exceptions (each one ends charlens serve)', result: String(kinds('process-crash')), target: '0' },
    { benchmark: 'fuzz: stalls, escaped errors, unhandled rejections, errors logged without a 5xx', result: String(kinds('stall') + kinds('escaped-error') + kinds('unhandled-rejection') + kinds('logged-error')), target: '0' },
    { benchmark: 'fuzz: slowest request', result: slowest ? `${slowest.ms} ms (${slowest.description.slice(0, 120)})` : '-', target: '' },
    { benchmark: 'fuzz: whole run', result: `${(report.durationMs / 1000).toFixed(1)} s (${(report.cases / (report.durationMs / 1000)).toFixed(0)} requests/s)`, target: '' },
  ];
}
