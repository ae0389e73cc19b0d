import { onCleanup, onMount } from 'solid-js';
import { isEditableTarget } from './navigation.ts';

/**
 * Page shortcuts (`j`, `k`, `[`, `]`, `/`, `c`): single keys without modifiers, ignored while typing in
 * a field. Each page registers its own; they end with the page.
 */
export function useShortcuts(handlers: Partial<Record<string, (event: KeyboardEvent) => void>>): void {
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isEditableTarget(event.target)) return;
      // Enter on a focused link or button belongs to it, not to the page.
      if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('a, button, summary, [role="button"]')) return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    onCleanup(() => window.removeEventListener('keydown', onKey));
  });
}

/** A line of a page's keys overlay (components/KeysOverlay.tsx): the keys, and what they do. */
export interface KeyRow {
  keys: string[];
  what: string;
}
