/** Pure helpers of the theme pages: how shares and their intervals read, and which transcripts open side by side. */

export function percent(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** A share (or failure rate) and its interval as two pieces, so a page can keep the interval on one line. */
export function shareParts(s: { share?: number | null; failureRate?: number | null; ciLow: number | null; ciHigh: number | null; reason?: string | undefined }): { value: string; ci: string | null; reason: string | null } {
  const value = s.share ?? s.failureRate ?? null;
  if (value === null) return { value: '—', ci: null, reason: null };
  if (s.ciLow === null || s.ciHigh === null) return { value: percent(value), ci: null, reason: s.reason ? `(no CI: ${s.reason})` : null };
  return { value: percent(value), ci: `(95% CI ${percent(s.ciLow)}–${percent(s.ciHigh)})`, reason: null };
}

/** "42% (95% CI 30%–55%)", or the share alone with the reason there is no interval. */
export function shareWithCi(s: Parameters<typeof shareParts>[0]): string {
  const p = shareParts(s);
  return [p.value, p.ci ?? p.reason].filter(Boolean).join(' ');
}

/** A change of share in percentage points, signed: "+12 pts (95% CI +3 to +20)". */
export function movementText(m: { meanDelta: number | null; ciLow: number | null; ciHigh: number | null; reason?: string | undefined } | null): string {
  if (!m || m.meanDelta === null) return m?.reason ? `no change measurable: ${m.reason}` : '—';
  // A change that rounds to no point reads 0, without a sign (never "+0" or "−0").
  const pts = (x: number) => {
    const rounded = Math.round(x * 100);
    return rounded === 0 ? '0 pts' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} pts`;
  };
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

/** A researcher edit as stored (kind and details as the server records them, server/themes/edits.ts). */
export interface EditLike {
  kind: string;
  themeId: string | null;
  details: unknown;
}

function detail(details: unknown, key: string): unknown {
  return typeof details === 'object' && details !== null ? Reflect.get(details, key) : undefined;
}
const text = (details: unknown, key: string): string => {
  const v = detail(details, key);
  return typeof v === 'string' ? v : '';
};
const count = (details: unknown, key: string): string => {
  const v = detail(details, key);
  return typeof v === 'number' ? `${v} item${v === 1 ? '' : 's'}` : 'its items';
};
/** A theme's name in quotes; "other" (no theme) stays a plain word. */
const themeWords = (name: string) => (name === '' || name === 'other' ? 'other' : `“${name}”`);

/** An edit in words, as seen from the theme whose page lists it (a merge or split reads differently from either side). */
export function editInWords(edit: EditLike, viewedThemeId: string): string {
  const d = edit.details;
  switch (edit.kind) {
    case 'rename': {
      const from = text(detail(d, 'from'), 'name');
      const to = text(detail(d, 'to'), 'name');
      return from !== to ? `Renamed from “${from}” to “${to}”` : `Reworded “${to}” (description or inclusion criteria)`;
    }
    case 'merge':
      return edit.themeId === viewedThemeId ? `Merged into ${themeWords(text(d, 'intoName'))} (${count(d, 'items')})` : `${themeWords(text(d, 'name'))} merged into this theme (${count(d, 'items')})`;
    case 'split':
      return edit.themeId === viewedThemeId ? `Split ${count(d, 'items')} off into ${themeWords(text(d, 'name'))}` : `Split off from ${themeWords(text(d, 'fromName'))} with ${count(d, 'items')}`;
    case 'move':
      return `Moved ${text(d, 'ref') || 'an item'} from ${themeWords(text(d, 'fromName'))} to ${themeWords(text(d, 'toName'))}`;
    default:
      return edit.kind;
  }
}
