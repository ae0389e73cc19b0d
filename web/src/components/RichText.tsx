import { createMemo } from 'solid-js';
import { highlightTree, type EvidenceQuote } from '../lib/evidence.ts';
import { revealInvisible } from '../lib/invisible-chars.ts';
import { markdownTree } from '../lib/markdown.ts';
import { toDomNodes } from '../lib/safe-dom.ts';
import { markSearchHits } from '../lib/search-hits.ts';
import { useReaderText } from './ReaderText.tsx';

/**
 * A text block as rendered, sanitized Markdown, with the evidence quotes found in it marked, then the search
 * hits, then invisible characters shown as placeholders (last, so quotes are still found across them). Its
 * direction is isolated from the page (`dir="auto"`).
 */
export function RichText(props: { text: string; quotes?: readonly EvidenceQuote[] }) {
  const context = useReaderText();
  const nodes = createMemo(() => {
    const tree = markdownTree(props.text);
    const marked = props.quotes?.length ? highlightTree(tree, props.quotes).nodes : tree;
    return toDomNodes(revealInvisible(markSearchHits(marked, context.search())));
  });
  return (
    <div class="text md" dir="auto">
      {nodes()}
    </div>
  );
}
