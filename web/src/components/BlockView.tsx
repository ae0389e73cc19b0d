import { For, Match, Switch } from 'solid-js';
import { formatCount } from '../lib/format.ts';
import type { EvidenceQuote } from '../lib/evidence.ts';
import type { RenderBlock } from '../lib/message-blocks.ts';
import { PlainText } from './ReaderText.tsx';
import { RichText } from './RichText.tsx';

/**
 * One renderer per block kind. Transcript text is data, never markup: text blocks go through the
 * sanitizing Markdown renderer (RichText); everything else is inserted as text nodes (`{…}` in JSX), and
 * `white-space: pre-wrap` keeps its line breaks and indentation.
 */
export function BlockView(props: { block: RenderBlock; quotes?: readonly EvidenceQuote[] }) {
  return (
    <Switch>
      <Match when={props.block.kind === 'text' && props.block}>{(b) => <RichText text={b().text} quotes={props.quotes} />}</Match>
      <Match when={props.block.kind === 'thinking' && props.block}>
        {(b) => (
          <details class="thinking">
            <summary>
              Thinking <span class="muted">· {formatCount(b().chars, 'character', 'characters')}</span>
            </summary>
            <PlainText text={b().text} />
          </details>
        )}
      </Match>
      <Match when={props.block.kind === 'redacted_thinking' && props.block}>
        {(b) => <p class="placeholder">Redacted thinking ({formatCount(b().bytes, 'byte', 'bytes')} of encrypted data, not readable)</p>}
      </Match>
      <Match when={props.block.kind === 'tool_use' && props.block}>
        {(b) => (
          <div class="tool tool-use">
            <div class="tool-head">
              Tool call <code class="tool-name">{b().name}</code> <span class="muted">{b().id}</span>
            </div>
            <pre class="json">{b().inputJson}</pre>
          </div>
        )}
      </Match>
      <Match when={props.block.kind === 'tool_result' && props.block}>
        {(b) => (
          <div class="tool tool-result" classList={{ 'tool-error': b().isError }}>
            <div class="tool-head">
              {b().isError ? 'Tool error' : 'Tool result'} <span class="muted">for {b().toolUseId}</span>
            </div>
            <For each={b().parts}>
              {(part) => (
                <Switch>
                  <Match when={part.kind === 'text' && part}>{(p) => <PlainText text={p().text} />}</Match>
                  <Match when={part.kind === 'image' && part}>{(p) => <p class="placeholder">[{p().description}: not shown]</p>}</Match>
                  <Match when={part.kind === 'other' && part}>{(p) => <pre class="json">{p().json}</pre>}</Match>
                </Switch>
              )}
            </For>
          </div>
        )}
      </Match>
      <Match when={props.block.kind === 'image' && props.block}>{(b) => <p class="placeholder">[{b().description}: not shown]</p>}</Match>
      <Match when={props.block.kind === 'unknown' && props.block}>
        {(b) => (
          <div class="tool">
            <div class="tool-head">
              Block of type <code>{b().type}</code>
            </div>
            <pre class="json">{b().json}</pre>
          </div>
        )}
      </Match>
    </Switch>
  );
}
