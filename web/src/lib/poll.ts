import { onCleanup, type Resource } from 'solid-js';

/**
 * Refetches a resource every `everyMs` while `active()` holds, and never while its last fetch is still out:
 * a refetch supersedes the fetch before it, so on a server slower than the interval every answer would be
 * thrown away for the next request and the page would never update (a drafting run's cards never showed in
 * a loaded CI run, 30 s after the run had finished).
 */
export function pollWhile(resource: Resource<unknown>, refetch: () => unknown, active: () => boolean, everyMs: number): void {
  const timer = setInterval(() => {
    if (resource.state === 'ready' && active()) void refetch();
  }, everyMs);
  onCleanup(() => clearInterval(timer));
}
