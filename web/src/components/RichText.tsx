import { createMemo } from 'solid-js';
import { highlightTree, type EvidenceQuote } from '../lib/evidence.ts';
import { markdownTree } from '../lib/markdown.ts';
import { toDomNodes } from '../lib/safe-dom.ts';

/** A text block as rendered, sanitized Markdown, with the evidence quotes found in it marked. */
export function RichText(props: { text: string; quotes?: readonly EvidenceQuote[] }) {
  const nodes = createMemo(() => {
    const tree = markdownTree(props.text);
    return toDomNodes(props.quotes?.length ? highlightTree(tree, props.quotes).nodes : tree);
  });
  return <div class="text md">{nodes()}</div>;
}
