import type { TokenScope } from '../api/admin.ts';

/**
 * The scope checkboxes of a new API token. The server refuses a scope beyond the caller's (its role's, for a
 * session), so only those are offered; the caller's scopes come from GET /auth/me.
 */

/** In the order a script's needs usually grow: read, then upload, then judge; admin last. */
const SCOPE_ORDER: readonly TokenScope[] = ['read', 'ingest', 'judge', 'label', 'admin'];

const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  read: 'read transcripts, scores and statistics',
  ingest: 'upload and import transcripts',
  judge: 'start, cancel and resume judge runs (these cost money)',
  label: 'labeling queues',
  admin: 'everything, including users, tokens and the audit log',
};

export interface ScopeChoice {
  scope: TokenScope;
  description: string;
}

export function scopeChoices(granted: readonly TokenScope[]): ScopeChoice[] {
  return SCOPE_ORDER.filter((s) => granted.includes(s)).map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] }));
}

/** Least privilege first: a new token starts as read-only when the caller may read, else with nothing ticked. */
export function initialScopes(choices: readonly ScopeChoice[]): TokenScope[] {
  return choices.some((c) => c.scope === 'read') ? ['read'] : [];
}

/** `selected` with `scope` ticked or not, kept in the menu's order so the request reads the same as the form. */
export function withScope(selected: readonly TokenScope[], scope: TokenScope, on: boolean): TokenScope[] {
  const next = new Set(selected);
  if (on) next.add(scope);
  else next.delete(scope);
  return SCOPE_ORDER.filter((s) => next.has(s));
}
