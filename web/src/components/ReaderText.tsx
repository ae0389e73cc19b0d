import { createContext, createMemo, useContext } from 'solid-js';
import { revealInvisible } from '../lib/invisible-chars.ts';
import { markSearchHits } from '../lib/search-hits.ts';
import { toDomNodes } from '../lib/safe-dom.ts';
import './reader-text.css';

/**
 * What every piece of transcript text on a page is shown with: the words of the search that opened it
 * (marked), and the page's colour per trait (lib/trait-colour.ts) for the marks beside turns. A context, so the reader and compare set it once and the labeling page,
 * which sets nothing, marks nothing.
 */
export const ReaderTextContext = createContext<{ search: () => RegExp | null; traitColour: (slug: string) => string }>({ search: () => null, traitColour: () => '' });

export function useReaderText() {
  return useContext(ReaderTextContext);
}

/**
 * Transcript text that is not Markdown (thinking, tool results, system prompt, quotes): text nodes only,
 * search hits marked, invisible characters shown as placeholders, and its direction isolated from the
 * page (`dir="auto"`), so right-to-left text cannot reorder the labels beside it.
 */
export function PlainText(props: { text: string; class?: string; tag?: 'div' | 'blockquote' }) {
  const context = useReaderText();
  const nodes = createMemo(() => toDomNodes(revealInvisible(markSearchHits([props.text], context.search()))));
  return props.tag === 'blockquote' ? (
    <blockquote class={props.class} dir="auto">
      {nodes()}
    </blockquote>
  ) : (
    <div class={props.class ?? 'text'} dir="auto">
      {nodes()}
    </div>
  );
}
