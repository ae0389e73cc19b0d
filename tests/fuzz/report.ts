import type { Finding, FuzzReport } from './harness.ts';

/** Findings and reports as text: one line per finding for assertions, the full reproduction for a person. */

export function findingLine(f: Finding): string {
  const first = f.message.split('\n')[0] ?? '';
  return `${f.kind} ${f.status ?? '-'} #${f.reproduction.index} ${f.caseName}: ${first.slice(0, 300)}`;
}

export function findingDetail(f: Finding): string {
  const lines = [`[${f.kind}] status ${f.status ?? '-'} — ${f.caseName}`, `  message: ${f.message.slice(0, 2000)}`];
  if (f.stack) lines.push(`  stack: ${f.stack.split('\n').slice(0, 12).join('\n         ')}`);
  lines.push(`  reproduction: ${JSON.stringify(f.reproduction)}`);
  return lines.join('\n');
}

/** Findings of one kind and the first message line are one bug, however many cases hit it. */
export function distinctFindings(findings: readonly Finding[]): { key: string; count: number; example: Finding }[] {
  const groups = new Map<string, { key: string; count: number; example: Finding }>();
  for (const f of findings) {
    const head = (f.message.split('\n')[0] ?? '').replace(/\d+/gu, 'N').slice(0, 160);
    const key = `${f.kind} ${f.status ?? '-'} ${head}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { key, count: 1, example: f });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export function statusSummary(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

export function reportSummary(report: FuzzReport): string {
  const lines = [
    `seed ${report.seed}: ${report.cases} cases in ${(report.durationMs / 1000).toFixed(1)} s`,
    `status: ${statusSummary(report.statusCounts)}`,
    ...Object.entries(report.statusCountsByFamily).map(([family, counts]) => `  ${family}: ${statusSummary(counts)}`),
    `findings: ${report.findings.length} (${distinctFindings(report.findings).length} distinct)`,
    ...distinctFindings(report.findings).map((g) => `  ${g.count} × ${g.key}`),
    'slowest:',
    ...report.slowest.map((s) => `  ${s.ms} ms ${s.status ?? '-'} ${s.description}`),
  ];
  return lines.join('\n');
}
