import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ApiRequestError } from '../api/client.ts';
import { listImportFormats } from '../api/client.ts';
import { uploadImport, type ImportResponse, type UploadFormat, type UploadProgress } from '../api/upload.ts';
import { formatBytes, formatCount } from '../lib/format.ts';
import { usePageTitle } from '../lib/page-title.ts';
import './upload.css';

type State = { kind: 'idle' } | { kind: 'uploading'; progress: UploadProgress } | { kind: 'done'; result: ImportResponse } | { kind: 'error'; error: unknown };

/** Eval files in, with progress, and the server's summary of what it imported (or why it could not). */
export default function Upload() {
  usePageTitle(() => 'Upload');
  const [files, setFiles] = createSignal<File[]>([]);
  const [format, setFormat] = createSignal<UploadFormat>('auto');
  // The server's registry is the one list of formats; detection works even if the list cannot be loaded.
  const [formats] = createResource(() => listImportFormats().catch(() => []));
  const formatOptions = () => [{ value: 'auto', label: 'Detect from the content' }, ...(formats.state === 'ready' ? formats().map((f) => ({ value: f.name, label: f.title })) : [])];
  const [model, setModel] = createSignal('');
  const [dragging, setDragging] = createSignal(false);
  const [state, setState] = createSignal<State>({ kind: 'idle' });
  let abort: (() => void) | undefined;
  onCleanup(() => abort?.());
  let picker: HTMLInputElement | undefined;

  function addFiles(list: FileList | null | undefined) {
    if (!list?.length) return;
    const incoming = [...list];
    // The same file dropped twice is one file.
    setFiles((now) => [...now.filter((f) => !incoming.some((n) => n.name === f.name && n.size === f.size)), ...incoming]);
    setState({ kind: 'idle' });
  }

  async function start() {
    if (!files().length) return;
    setState({ kind: 'uploading', progress: { sentBytes: 0, totalBytes: files().reduce((n, f) => n + f.size, 0), processing: false } });
    const upload = uploadImport(files(), { format: format(), model: model() }, (progress) => setState({ kind: 'uploading', progress }));
    abort = upload.abort;
    try {
      const result = await upload.done;
      setState({ kind: 'done', result });
      setFiles([]);
    } catch (error) {
      setState({ kind: 'error', error });
    } finally {
      abort = undefined;
    }
  }

  const uploading = () => state().kind === 'uploading';
  const failure = () => {
    const s = state();
    if (s.kind !== 'error') return null;
    return { message: s.error instanceof Error ? s.error.message : String(s.error), status: s.error instanceof ApiRequestError ? s.error.status : 0 };
  };
  const progress = () => {
    const s = state();
    return s.kind === 'uploading' ? s.progress : null;
  };

  return (
    <div class="upload-page">
      <div class="page-head">
        <h1>Upload</h1>
      </div>
      <p class="muted measure">
        Eval logs as they are: Inspect AI (<code>.eval</code>, <code>.json</code>), Spiral-Bench results, MT-Bench answers and judgments, hh-rlhf, OpenAI or
        Anthropic chat JSONL, or charlens NDJSON. Re-uploading a file is a no-op.
      </p>
      <form
        class="upload-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div
          class="drop-zone"
          classList={{ dragging: dragging() }}
          role="button"
          tabindex="0"
          aria-label="Drop files here, or press Enter to choose files"
          onClick={() => picker?.click()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              picker?.click();
            }
          }}
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            addFiles(e.dataTransfer?.files);
          }}
        >
          <strong>Drop eval files here</strong>
          <span class="muted">or click to choose files</span>
          <input ref={picker} type="file" multiple class="visually-hidden" tabindex="-1" aria-hidden="true" onChange={(e) => addFiles(e.currentTarget.files)} />
        </div>

        <Show when={files().length > 0}>
          <ul class="file-list" aria-label="Files to upload">
            <For each={files()}>
              {(f) => (
                <li>
                  <span class="file-name">{f.name}</span> <span class="muted">{formatBytes(f.size)}</span>{' '}
                  <button type="button" class="link-button" disabled={uploading()} onClick={() => setFiles((all) => all.filter((x) => x !== f))} aria-label={`Remove ${f.name}`}>
                    remove
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>

        <div class="upload-fields">
          <label>
            Format
            <select name="format" onChange={(e) => setFormat(e.currentTarget.value)}>
              <For each={formatOptions()}>
                {(f) => (
                  <option value={f.value} selected={f.value === format()}>
                    {f.label}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            <span>
              Model <span class="hint">(for formats that do not name one)</span>
            </span>
            <input type="text" name="model" autocomplete="off" placeholder="e.g. claude-sonnet-4" value={model()} onInput={(e) => setModel(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" disabled={!files().length || uploading()}>
            {uploading() ? 'Uploading…' : files().length > 1 ? `Upload ${files().length} files` : 'Upload'}
          </button>
        </div>
      </form>

      <Switch>
        <Match when={progress()}>
          {(p) => (
            <div class="upload-progress" role="status">
              <progress max={p().totalBytes || 1} value={p().processing ? p().totalBytes || 1 : p().sentBytes} aria-label="Upload progress" />
              <span>{p().processing ? 'Sent; the server is importing…' : `Sending ${formatBytes(p().sentBytes)} of ${formatBytes(p().totalBytes)}`}</span>
            </div>
          )}
        </Match>
        <Match when={state().kind === 'done' && state()}>
          {(s) => {
            const r = () => {
              const v = s();
              return v.kind === 'done' ? v.result : null;
            };
            return (
              <Show when={r()}>
                {(result) => (
                  <section class="panel import-summary" aria-labelledby="summary-heading" role="status">
                    <h2 id="summary-heading">Imported ({result().format})</h2>
                    <dl class="summary-numbers">
                      <div>
                        <dt>Transcripts</dt>
                        <dd>{formatCount(result().transcripts.inserted, 'new transcript', 'new transcripts')}</dd>
                      </div>
                      <div>
                        <dt>Duplicates</dt>
                        <dd>{formatCount(result().transcripts.duplicates, 'already there', 'already there')}</dd>
                      </div>
                      <div>
                        <dt>Scores</dt>
                        <dd>{formatCount(result().scores, 'score', 'scores')}</dd>
                      </div>
                      <div>
                        <dt>Comparisons</dt>
                        <dd>{formatCount(result().comparisons, 'verdict', 'verdicts')}</dd>
                      </div>
                    </dl>
                    <div class="import-lists">
                      <section aria-labelledby="imported-files-heading">
                        <h3 id="imported-files-heading">{formatCount(result().files.length, 'file', 'files')}</h3>
                        <ul class="imported-files">
                          <For each={result().files}>
                            {(f) => (
                              <li>
                                <span class="file-name">{f.name}</span> <span class="muted">{formatBytes(f.bytes)} · read as {result().format}</span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </section>
                      <section aria-labelledby="imported-models-heading">
                        <h3 id="imported-models-heading">{formatCount(result().models.length, 'model', 'models')}</h3>
                        <Show when={result().models.length > 0} fallback={<p class="muted">No transcripts (verdicts only).</p>}>
                          <div class="table-wrap">
                            <table class="matrix imported-models">
                              <thead>
                                <tr>
                                  <th scope="col">Model</th>
                                  <th scope="col" class="num">
                                    New
                                  </th>
                                  <th scope="col" class="num">
                                    Already there
                                  </th>
                                </tr>
                              </thead>
                              <tbody>
                                <For each={result().models}>
                                  {(m) => (
                                    <tr data-model={m.model}>
                                      <th scope="row" class="model">
                                        <A href={`/transcripts?model=${encodeURIComponent(m.model)}`}>{m.model}</A>
                                      </th>
                                      <td class="num">{m.inserted}</td>
                                      <td class="num">{m.duplicates}</td>
                                    </tr>
                                  )}
                                </For>
                              </tbody>
                            </table>
                          </div>
                        </Show>
                      </section>
                    </div>
                    <Show when={result().failed.length > 0}>
                      <h3>{formatCount(result().failed.length, 'item was', 'items were')} kept as failed</h3>
                      <ul class="failed-list">
                        <For each={result().failed}>
                          {(f) => (
                            <li>
                              <code>{f.where}</code>: {f.message}
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                    <p>
                      <A href="/transcripts">Open the transcripts</A> · <A href="/models">models</A>
                    </p>
                  </section>
                )}
              </Show>
            );
          }}
        </Match>
        <Match when={failure()}>
          {(e) => (
            <div class="panel error-panel" role="alert">
              <h2>The upload was not imported</h2>
              <p>{e().message}</p>
              <Show when={e().status}>
                <p class="muted">HTTP {e().status}</p>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
