import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The time now, updated every `everyMs`, so "5 min ago" stays true while a page is left open. */
export function useNow(everyMs = 60_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
