/**
 * How the audit page shows an entry: who (an email, the system, or a user since removed), and its details
 * as one line of JSON, cut to a length a table cell can hold.
 */

/**
 * The actions the server records today (every `recordAudit`/`auditCaller` call). The API has no list of
 * them, so the filter offers these plus any others seen in the loaded entries.
 */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = [
  'demo.load',
  'import',
  'judge.run.cancel',
  'judge.run.create',
  'judge.run.finish',
  'judge.run.resume',
  'token.create',
  'token.revoke',
  'upload',
  'user.create',
  'user.password_change',
  'user.update',
];

/** The filter's choices: the known actions, those seen, and the current one (from a link), sorted, once each. */
export function actionChoices(seen: readonly string[], current: string): string[] {
  const all = new Set([...KNOWN_AUDIT_ACTIONS, ...seen]);
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Who did it: their email; "system" for the server itself (first start, the judge worker, the CLI). */
export function actorLabel(entry: { userId: string | null; email: string | null }): string {
  if (entry.userId === null) return 'system';
  return entry.email ?? `removed user ${entry.userId}`;
}

export interface DetailsText {
  /** What the cell shows: the JSON, or its first `maxChars` characters and "…". */
  short: string;
  /** The whole JSON on one line. */
  full: string;
  truncated: boolean;
}

/** Details as compact JSON (`{"name":"x","scopes":["read"]}`); an empty object shows as nothing. */
export function compactDetails(details: Record<string, unknown>, maxChars = 160): DetailsText {
  const full = Object.keys(details).length === 0 ? '' : (JSON.stringify(details) ?? '');
  // Cut by code points, so an emoji or an accented letter is never split into a broken half.
  const chars = Array.from(full);
  if (chars.length <= maxChars) return { short: full, full, truncated: false };
  return { short: `${chars.slice(0, maxChars - 1).join('')}…`, full, truncated: true };
}

/** A target as people know it: the email when it is the id of a user the page knows, else null (show the id). */
export function targetEmail(target: string | null, emailsById: ReadonlyMap<string, string>): string | null {
  return target === null ? null : (emailsById.get(target) ?? null);
}
