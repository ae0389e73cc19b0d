/**
 * Where to go after signing in. Only a path on this site is accepted, so a crafted link cannot send
 * the user elsewhere (`//evil.example`, `https://…`, `javascript:`).
 */
export function safeNextPath(next: string | null | undefined, fallback = '/transcripts'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/login') || next.startsWith('/setup')) return fallback;
  return next;
}

/** True when a key press belongs to a text field, so page shortcuts must leave it alone. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
