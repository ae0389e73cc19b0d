/** Pure helpers of the theme pages: how shares and their intervals read, and which transcripts open side by side. */

export function percent(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** "42% (95% CI 30–55%)", or the share alone with the reason there is no interval. */
export function shareWithCi(s: { share?: number | null; failureRate?: number | null; ciLow: number | null; ciHigh: number | null; reason?: string | undefined }): string {
  const value = s.share ?? s.failureRate ?? null;
  if (value === null) return '—';
  if (s.ciLow === null || s.ciHigh === null) return `${percent(value)}${s.reason ? ' (no CI: ' + s.reason + ')' : ''}`;
  return `${percent(value)} (95% CI ${percent(s.ciLow)}–${percent(s.ciHigh)})`;
}

/** A change of share in percentage points, signed: "+12 pts (95% CI +3 to +20)". */
export function movementText(m: { meanDelta: number | null; ciLow: number | null; ciHigh: number | null; reason?: string | undefined } | null): string {
  if (!m || m.meanDelta === null) return m?.reason ? `no change measurable: ${m.reason}` : '—';
  const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)} pts`;
  if (m.ciLow === null || m.ciHigh === null) return `${pts(m.meanDelta)}${m.reason ? ` (no CI: ${m.reason})` : ''}`;
  return `${pts(m.meanDelta)} (95% CI ${pts(m.ciLow)} to ${pts(m.ciHigh)})`;
}

/** Whether an interval excludes zero: the movement is more than resampling noise. */
export function clearlyMoved(m: { ciLow: number | null; ciHigh: number | null } | null): boolean {
  return !!m && m.ciLow !== null && m.ciHigh !== null && (m.ciLow > 0 || m.ciHigh < 0);
}

export interface MemberLike {
  transcriptId: string | null;
  scenarioId: string | null;
  scenario: string | null;
  model: string | null;
}

/**
 * Members of a theme grouped by scenario, for "side by side": each scenario with the theme's transcripts on it
 * (at most four, one per model version first), so one click opens them in the compare view.
 */
export function sideBySideGroups(members: readonly MemberLike[]): { scenarioId: string; scenario: string; transcriptIds: string[]; models: string[] }[] {
  const groups = new Map<string, { scenario: string; items: MemberLike[] }>();
  for (const m of members) {
    if (!m.transcriptId || !m.scenarioId) continue;
    const g = groups.get(m.scenarioId) ?? { scenario: m.scenario ?? m.scenarioId, items: [] };
    g.items.push(m);
    groups.set(m.scenarioId, g);
  }
  return [...groups]
    .map(([scenarioId, g]) => {
      const seen = new Set<string>();
      const firstPerModel = g.items.filter((m) => !seen.has(m.model ?? '') && seen.add(m.model ?? ''));
      const rest = g.items.filter((m) => !firstPerModel.includes(m));
      const picked = [...firstPerModel, ...rest].slice(0, 4);
      return { scenarioId, scenario: g.scenario, transcriptIds: picked.flatMap((m) => (m.transcriptId ? [m.transcriptId] : [])), models: [...new Set(picked.map((m) => m.model ?? '—'))] };
    })
    .sort((a, b) => b.transcriptIds.length - a.transcriptIds.length || a.scenario.localeCompare(b.scenario));
}

/** Runs grouped by their selection, newest selection first, versions newest first. */
export function groupBySelection<T extends { selectionKey: string; version: number; createdAt: string }>(runs: readonly T[]): { key: string; runs: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const r of runs) groups.set(r.selectionKey, [...(groups.get(r.selectionKey) ?? []), r]);
  return [...groups]
    .map(([key, list]) => ({ key, runs: [...list].sort((a, b) => b.version - a.version) }))
    .sort((a, b) => (b.runs[0]?.createdAt ?? '').localeCompare(a.runs[0]?.createdAt ?? ''));
}
