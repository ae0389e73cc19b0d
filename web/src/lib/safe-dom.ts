import type { SafeNode } from './markdown.ts';

/**
 * Builds DOM nodes from a safe tree: elements by tag name from the closed set in markdown.ts, attributes
 * from its closed set, every string as a text node. There is no innerHTML anywhere on this path.
 */
export function toDomNodes(nodes: readonly SafeNode[]): Node[] {
  return nodes.map((n) => {
    if (typeof n === 'string') return document.createTextNode(n);
    const element = document.createElement(n.tag);
    for (const [name, value] of Object.entries(n.attrs ?? {})) if (value !== undefined) element.setAttribute(name, value);
    if (n.tag === 'a') {
      // Away from charlens, in a new tab, telling the other site nothing.
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer nofollow');
      element.setAttribute('referrerpolicy', 'no-referrer');
    }
    element.append(...toDomNodes(n.children));
    return element;
  });
}
