import { api, call } from './client.ts';

/** The themes API: runs over a selection, ranked themes, one theme, edits, drafts, exports and the theme's eval. */

export type ThemeRunBody = Parameters<typeof api.themes.runs.$post>[0]['json'];
export type Rank = 'size' | 'models' | 'versions';

export function estimateThemeRun(body: ThemeRunBody) {
  return call(() => api.themes.estimate.$post({ json: body }));
}
export function startThemeRun(body: ThemeRunBody) {
  return call(() => api.themes.runs.$post({ json: body }));
}
export async function listThemeRuns() {
  return (await call(() => api.themes.runs.$get())).items;
}
export function getThemeRun(id: string) {
  return call(() => api.themes.runs[':id'].$get({ param: { id } }));
}
export function rankedThemes(id: string, rank: Rank, options: { a?: string | undefined; b?: string | undefined; against?: string | undefined } = {}) {
  return call(() => api.themes.runs[':id'].themes.$get({ param: { id }, query: { rank, a: options.a, b: options.b, against: options.against } }));
}
export function versionDiff(id: string) {
  return call(() => api.themes.runs[':id'].diff.$get({ param: { id }, query: {} }));
}
export async function otherItems(id: string) {
  return (await call(() => api.themes.runs[':id'].other.$get({ param: { id } }))).items;
}
export function getTheme(id: string) {
  return call(() => api.themes[':themeId'].$get({ param: { themeId: id }, query: {} }));
}
export function renameTheme(id: string, body: { name?: string; description?: string; inclusionCriteria?: string }) {
  return call(() => api.themes[':themeId'].rename.$post({ param: { themeId: id }, json: body }));
}
export function mergeTheme(id: string, into: string) {
  return call(() => api.themes[':themeId'].merge.$post({ param: { themeId: id }, json: { into } }));
}
export function splitTheme(id: string, body: { name: string; description: string; inclusionCriteria: string; itemIds: string[] }) {
  return call(() => api.themes[':themeId'].split.$post({ param: { themeId: id }, json: body }));
}
export function moveItem(runId: string, itemId: string, themeId: string | null) {
  return call(() => api.themes.runs[':id'].items[':itemId'].move.$post({ param: { id: runId, itemId }, json: { themeId } }));
}
export function listDrafts(themeId: string) {
  return call(() => api.themes[':themeId'].drafts.$get({ param: { themeId } }));
}
export function draftScenarios(themeId: string, body: { n: number; budgetUsd: number; guidance?: string }) {
  return call(() => api.themes[':themeId'].drafts.$post({ param: { themeId }, json: body }));
}
export type DraftPatch = Parameters<(typeof api.themes.drafts)[':draftId']['$patch']>[0]['json'];
export function updateDraft(draftId: string, body: DraftPatch) {
  return call(() => api.themes.drafts[':draftId'].$patch({ param: { draftId }, json: body }));
}
export function themeEval(themeId: string, source: 'judge' | 'human' | 'import') {
  return call(() => api.themes[':themeId'].eval.$get({ param: { themeId }, query: { source } }));
}
/** Where the browser downloads the accepted drafts (the session cookie goes along). */
export function exportHref(themeId: string, format: 'native' | 'inspect'): string {
  return `/api/v1/themes/${encodeURIComponent(themeId)}/export?format=${format}`;
}
export function judgeTranscripts(transcriptIds: string[], traits: string[], budgetUsd: number) {
  return call(() => api.judge.runs.$post({ json: { transcriptIds, traits, budgetUsd, samples: 1, mode: 'sync', pairwise: false } }));
}

export type ThemeRunView = Awaited<ReturnType<typeof getThemeRun>>;
export type RankedThemes = Awaited<ReturnType<typeof rankedThemes>>;
export type RankedTheme = RankedThemes['items'][number];
export type ThemeDetail = Awaited<ReturnType<typeof getTheme>>;
export type ThemeMember = ThemeDetail['members'][number];
export type DraftList = Awaited<ReturnType<typeof listDrafts>>;
export type Draft = DraftList['items'][number];
export type ThemeEval = Awaited<ReturnType<typeof themeEval>>;
export type VersionDiff = Awaited<ReturnType<typeof versionDiff>>;
