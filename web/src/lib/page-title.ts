import { createEffect } from 'solid-js';

/** Keeps the tab title in step with the page, so a row of tabs of transcripts can be told apart. */
export function usePageTitle(title: () => string): void {
  createEffect(() => {
    document.title = `${title()} · charlens`;
  });
}
