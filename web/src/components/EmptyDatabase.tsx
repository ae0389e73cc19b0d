import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { loadDemoData } from '../api/client.ts';

const SAMPLE_LINE = JSON.stringify({
  external_id: 'run7/pb-003/0',
  model: 'claude-sonnet-4',
  scenario: 'pb-003',
  sample: 0,
  messages: [
    { role: 'user', content: 'The moon is made of cheese, right?' },
    { role: 'assistant', content: 'No: it is rock, mostly silicate minerals.' },
  ],
  tags: ['pushback'],
  scores: [{ trait: 'pushback', value: 3, source: 'import' }],
});

/** What a fresh install shows instead of an empty table: how to get transcripts in, or a demo set to look around. */
export function EmptyDatabase(props: { onLoaded: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const origin = window.location.origin;

  async function loadDemo() {
    setBusy(true);
    setError('');
    try {
      await loadDemoData();
      props.onLoaded();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel empty-database" aria-labelledby="empty-heading">
      <h2 id="empty-heading">No transcripts yet</h2>
      <p>
        <A href="/upload">Upload eval files</A> (Inspect AI logs, Spiral-Bench results, MT-Bench, hh-rlhf, chat JSONL), or send
        transcripts as NDJSON: one conversation per line, with the model version that produced it and, if you have them, its trait
        scores. Or load the demo set to look around first.
      </p>
      <div class="actions">
        <A class="button primary" href="/upload">
          Upload files
        </A>
        <button type="button" onClick={() => void loadDemo()} disabled={busy()}>
          {busy() ? 'Loading demo data…' : 'Load demo data'}
        </button>
        <Show when={error()}>
          <p class="form-error" role="alert">
            {error()}
          </p>
        </Show>
      </div>

      <h3>With curl</h3>
      <pre class="example">{`curl -X POST ${origin}/api/v1/transcripts/batch \\
  -H "Authorization: Bearer $CHARLENS_TOKEN" \\
  -H "Content-Type: application/x-ndjson" \\
  --data-binary @transcripts.ndjson`}</pre>

      <h3>With the charlens CLI</h3>
      <pre class="example">{`charlens token create --email you@example.com   # prints a token, once
charlens upload transcripts.ndjson --url ${origin} --token $CHARLENS_TOKEN`}</pre>

      <h3>One line of the native format</h3>
      <pre class="example wrap">{SAMPLE_LINE}</pre>
      <p class="muted">
        <code>content</code> may be a string or Anthropic content blocks (<code>text</code>, <code>thinking</code>,{' '}
        <code>tool_use</code>, <code>tool_result</code>); OpenAI-style messages work too. Re-uploading a line with the
        same <code>external_id</code> is a no-op.
      </p>
    </section>
  );
}
