import { lexer, type Token, type Tokens } from 'marked';

/**
 * Markdown → a tree of allowed elements and plain strings. Sanitizing by construction: `marked` only
 * tokenizes; no HTML string is ever produced or parsed, so raw HTML in a transcript comes out as the
 * visible text it is, every string becomes a text node, and the only attribute carrying a URL (`href`)
 * passes `safeHref` first. Images are not loaded (a transcript must not make the reader's browser fetch
 * anything); they show as a link to their address.
 */
export type SafeTag =
  | 'p'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'ul'
  | 'ol'
  | 'li'
  | 'blockquote'
  | 'pre'
  | 'code'
  | 'strong'
  | 'em'
  | 'del'
  | 'a'
  | 'br'
  | 'hr'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td'
  | 'span'
  | 'mark';

export type SafeAttr = 'href' | 'title' | 'class' | 'start' | 'data-evidence' | 'data-lang' | 'data-char';

export interface SafeElement {
  tag: SafeTag;
  attrs?: Partial<Record<SafeAttr, string>>;
  children: SafeNode[];
}

export type SafeNode = string | SafeElement;

const BLOCK_TAGS: ReadonlySet<SafeTag> = new Set(['p', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);

export function isBlockTag(tag: SafeTag): boolean {
  return BLOCK_TAGS.has(tag);
}

/** Only web and mail links; `javascript:`, `data:`, `vbscript:`, relative and protocol-relative addresses are refused. */
export function safeHref(href: string): string | null {
  // Browsers ignore control characters and surrounding spaces in a URL (`java\tscript:`); so does this check.
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as Markdown defines them, for the few that transcripts actually contain. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function el(tag: SafeTag, children: SafeNode[], attrs?: SafeElement['attrs']): SafeElement {
  return attrs ? { tag, attrs, children } : { tag, children };
}

function inline(tokens: readonly Token[] | undefined): SafeNode[] {
  const out: SafeNode[] = [];
  for (const token of tokens ?? []) out.push(...inlineToken(token));
  return mergeStrings(out);
}

function inlineToken(token: Token): SafeNode[] {
  switch (token.type) {
    case 'text':
      // A list item's text token nests the inline tokens of its line.
      return 'tokens' in token && Array.isArray(token.tokens) && token.tokens.length ? inline(token.tokens) : [decodeEntities(String(token.text ?? token.raw))];
    case 'escape':
      return [String(token.text)];
    case 'strong':
      return [el('strong', inline(token.tokens))];
    case 'em':
      return [el('em', inline(token.tokens))];
    case 'del':
      return [el('del', inline(token.tokens))];
    case 'codespan':
      return [el('code', [String(token.text)])];
    case 'br':
      return [el('br', [])];
    case 'link':
      return [link(token)];
    case 'image':
      return [image(token)];
    case 'checkbox':
      return ['checked' in token && token.checked ? '☑ ' : '☐ '];
    case 'html':
      // Raw HTML is shown as written: it is part of what the model said.
      return [String(token.raw)];
    default:
      return [String(token.raw)];
  }
}

function link(token: Tokens.Link | Tokens.Generic): SafeNode {
  const rawHref = String(token['href'] ?? '');
  const href = safeHref(token['autolink'] ? rawHref : decodeEntities(rawHref));
  const children = inline(token.tokens);
  if (!href) return el('span', [...children, ` (${rawHref})`], { class: 'md-unsafe-link', title: 'Link not followed: only http, https and mailto links open' });
  const title = typeof token['title'] === 'string' && token['title'] ? token['title'] : href;
  return el('a', children, { href, title });
}

function image(token: Tokens.Image | Tokens.Generic): SafeNode {
  const alt = String(token['text'] ?? '') || 'image';
  const href = safeHref(decodeEntities(String(token['href'] ?? '')));
  const label = `[image: ${alt}]`;
  return href ? el('a', [label], { href, title: `Image not loaded: ${href}`, class: 'md-image' }) : el('span', [label], { class: 'md-image' });
}

function block(token: Token): SafeNode[] {
  switch (token.type) {
    case 'space':
    case 'def':
      return [];
    case 'paragraph':
      return [el('p', inline(token.tokens))];
    case 'text':
      // Top-level text in a tight list item.
      return [el('p', inline(token.tokens?.length ? token.tokens : [token]))];
    case 'heading': {
      const depth = Number(token['depth']);
      // Headings inside a turn sit below the page's own h1–h3.
      return [el(depth <= 1 ? 'h4' : depth === 2 ? 'h5' : 'h6', inline(token.tokens))];
    }
    case 'code': {
      const lang = typeof token['lang'] === 'string' ? token['lang'].trim().split(/\s/)[0] ?? '' : '';
      return [el('pre', [el('code', [String(token.text)], lang ? { 'data-lang': lang } : undefined)], { class: 'md-code' })];
    }
    case 'blockquote':
      return [el('blockquote', blocks(token.tokens))];
    case 'hr':
      return [el('hr', [])];
    case 'list': {
      const items: SafeNode[] = (Array.isArray(token['items']) ? token['items'] : []).map((item: Tokens.ListItem) => el('li', listItem(item)));
      const start = token['start'];
      if (token['ordered']) return [el('ol', items, typeof start === 'number' && start !== 1 ? { start: String(start) } : undefined)];
      return [el('ul', items)];
    }
    case 'table':
      return [table(token)];
    case 'html':
      return [el('p', [String(token.raw).replace(/\n+$/, '')], { class: 'md-raw' })];
    default:
      return [el('p', [String(token.raw)])];
  }
}

function listItem(item: Tokens.ListItem): SafeNode[] {
  // A tight item's text is inline; a loose one holds paragraphs.
  if (!item.loose) {
    const out: SafeNode[] = [];
    for (const t of item.tokens) {
      if (t.type === 'text' || t.type === 'checkbox') out.push(...inlineToken(t));
      else out.push(...block(t));
    }
    return mergeStrings(out);
  }
  return blocks(item.tokens);
}

function table(token: Tokens.Table | Tokens.Generic): SafeNode {
  const header: Tokens.TableCell[] = Array.isArray(token['header']) ? token['header'] : [];
  const rows: Tokens.TableCell[][] = Array.isArray(token['rows']) ? token['rows'] : [];
  return el('table', [
    el('thead', [el('tr', header.map((cell) => el('th', inline(cell.tokens))))]),
    el('tbody', rows.map((row) => el('tr', row.map((cell) => el('td', inline(cell.tokens)))))),
  ]);
}

function blocks(tokens: readonly Token[] | undefined): SafeNode[] {
  const out: SafeNode[] = [];
  for (const t of tokens ?? []) out.push(...block(t));
  return out;
}

function mergeStrings(nodes: SafeNode[]): SafeNode[] {
  const out: SafeNode[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (typeof n === 'string' && typeof last === 'string') out[out.length - 1] = last + n;
    else if (n !== '') out.push(n);
  }
  return out;
}

export function markdownTree(source: string): SafeNode[] {
  return blocks(lexer(source, { gfm: true, breaks: true }));
}
