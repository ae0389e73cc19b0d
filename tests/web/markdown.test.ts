import { describe, expect, test } from 'vitest';
import { decodeEntities, markdownTree, safeHref } from '../../web/src/lib/markdown.ts';

describe('markdownTree: Markdown → allowed elements and plain strings', () => {
  test('paragraphs, emphasis, inline code and line breaks', () => {
    expect(markdownTree('Hello **bold _em_** and `a<b>`\nnext line')).toEqual([
      {
        tag: 'p',
        children: ['Hello ', { tag: 'strong', children: ['bold ', { tag: 'em', children: ['em'] }] }, ' and ', { tag: 'code', children: ['a<b>'] }, { tag: 'br', children: [] }, 'next line'],
      },
    ]);
  });

  test('a fenced code block keeps its text and language', () => {
    expect(markdownTree('```js\nif (a<b) {}\n```')).toEqual([{ tag: 'pre', attrs: { class: 'md-code' }, children: [{ tag: 'code', attrs: { 'data-lang': 'js' }, children: ['if (a<b) {}'] }] }]);
  });

  test('headings sit below the page headings; lists keep their start', () => {
    expect(markdownTree('# Title\n\n3. three\n4. four')).toEqual([
      { tag: 'h4', children: ['Title'] },
      { tag: 'ol', attrs: { start: '3' }, children: [{ tag: 'li', children: ['three'] }, { tag: 'li', children: ['four'] }] },
    ]);
  });

  test('raw HTML, inline or block, is shown as the text it is', () => {
    expect(markdownTree('Hi <img src=x onerror="alert(1)"> there\n\n<script>alert(2)</script>')).toEqual([
      { tag: 'p', children: ['Hi <img src=x onerror="alert(1)"> there'] },
      { tag: 'p', attrs: { class: 'md-raw' }, children: ['<script>alert(2)</script>'] },
    ]);
  });

  test('a javascript: link is not a link; an image is never loaded', () => {
    expect(markdownTree('[click](javascript:alert(1)) ![pic](https://example.com/a.png)')).toEqual([
      {
        tag: 'p',
        children: [
          { tag: 'span', attrs: { class: 'md-unsafe-link', title: 'Link not followed: only http, https and mailto links open' }, children: ['click', ' (javascript:alert(1))'] },
          ' ',
          { tag: 'a', attrs: { href: 'https://example.com/a.png', title: 'Image not loaded: https://example.com/a.png', class: 'md-image' }, children: ['[image: pic]'] },
        ],
      },
    ]);
  });

  test('a web link keeps its address', () => {
    expect(markdownTree('[docs](https://example.com/x?a=1&b=2)')).toEqual([
      { tag: 'p', children: [{ tag: 'a', attrs: { href: 'https://example.com/x?a=1&b=2', title: 'https://example.com/x?a=1&b=2' }, children: ['docs'] }] },
    ]);
  });

  test('tables', () => {
    expect(markdownTree('| a | b |\n|---|---|\n| 1 | 2 |')).toEqual([
      {
        tag: 'table',
        children: [
          { tag: 'thead', children: [{ tag: 'tr', children: [{ tag: 'th', children: ['a'] }, { tag: 'th', children: ['b'] }] }] },
          { tag: 'tbody', children: [{ tag: 'tr', children: [{ tag: 'td', children: ['1'] }, { tag: 'td', children: ['2'] }] }] },
        ],
      },
    ]);
  });
});

describe('safeHref', () => {
  test('web and mail links pass, normalized', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
  });
  test('script, data, relative and disguised links are refused', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '/relative', '//evil.example', '#top']) {
      expect(safeHref(href)).toBeNull();
    }
  });
});

test('decodeEntities decodes the references Markdown defines and leaves others', () => {
  expect(decodeEntities('a &amp; b &lt;c&gt; &#39;d&#x27; &bogus;')).toBe("a & b <c> 'd' &bogus;");
});
