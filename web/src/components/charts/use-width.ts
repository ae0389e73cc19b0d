import { createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * The pixel width of an element, kept current: charts draw at their real size (crisp text at any width)
 * instead of scaling a fixed viewBox, which would shrink the labels to nothing on a phone.
 */
export function createWidth(fallback: number): { width: Accessor<number>; ref: (el: HTMLElement) => void } {
  const [width, setWidth] = createSignal(fallback);
  let observer: ResizeObserver | undefined;
  onCleanup(() => observer?.disconnect());
  return {
    width,
    ref(el) {
      observer?.disconnect();
      observer = new ResizeObserver((entries) => {
        const w = entries[0]?.contentRect.width ?? 0;
        // Whole pixels: sub-pixel jitter would redraw for nothing.
        if (w > 0) setWidth(Math.floor(w));
      });
      observer.observe(el);
    },
  };
}
