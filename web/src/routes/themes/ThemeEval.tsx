import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { judgeTranscripts, themeEval } from '../../api/themes.ts';
import { ShareCi } from './ShareCi.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { compareHref } from '../../lib/compare-links.ts';

/** Closing the loop: transcripts uploaded for the accepted drafts, and the failure rate per model version. */
/** `refreshKey` changes when the drafts change (one accepted, say), so the count of accepted scenarios follows. */
export function ThemeEvalPanel(props: { themeId: string; refreshKey: number }) {
  const [source, setSource] = createSignal<'judge' | 'human' | 'import'>('judge');
  const [data, { refetch }] = createResource(() => ({ id: props.themeId, source: source(), refresh: props.refreshKey }), (q) => themeEval(q.id, q.source));
  const [error, setError] = createSignal<unknown>(null);
  const [started, setStarted] = createSignal<string | null>(null);

  async function judge() {
    const d = data.latest;
    if (!d) return;
    setError(null);
    try {
      const run = await judgeTranscripts(d.unjudged.transcriptIds, d.unjudged.traits, 5);
      setStarted(run.id);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section class="panel eval" aria-labelledby="eval-heading">
      <div class="rank-bar">
        <h2 id="eval-heading">The theme’s eval</h2>
        <label>
          Scores from
          <select value={source()} onChange={(e) => setSource(e.currentTarget.value === 'human' ? 'human' : e.currentTarget.value === 'import' ? 'import' : 'judge')}>
            <option value="judge">the judge</option>
            <option value="human">human labels</option>
            <option value="import">imports</option>
          </select>
        </label>
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </div>
      <Show when={data.state === 'errored'}>
        <ErrorPanel error={data.error} />
      </Show>
      <Show when={data.latest}>
        {(d) => (
          <>
            <Show when={d().drafts > 0} fallback={<p class="muted">Accept drafted scenarios, export them to your sampling pipeline, and upload what the models answered: the failure rate per model version shows here.</p>}>
              <p class="muted">
                {d().drafts} accepted scenario{d().drafts === 1 ? '' : 's'}, {d().scenarios.reduce((a, s) => a + s.transcripts, 0)} transcripts uploaded for them.
              </p>
              <p class="muted unit">Failure rate: {d().unit}.</p>
              <Show when={d().byModel.length}>
                <table class="share-table eval-table">
                  <thead>
                    <tr>
                      <th scope="col">Model version</th>
                      <th scope="col">Failure rate</th>
                      <th scope="col" class="num">
                        Failed / judged
                      </th>
                      <th scope="col" class="read">
                        Read
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().byModel}>
                      {(m) => (
                        <tr>
                          <th scope="row">{m.model}</th>
                          <td>
                            <meter min="0" max="1" value={m.failureRate ?? 0} aria-hidden="true" /> <ShareCi value={m} />
                          </td>
                          <td class="num">
                            {m.failures}/{m.judged}
                            {m.transcripts > m.judged ? ` (${m.transcripts - m.judged} not scored)` : ''}
                          </td>
                          <td class="read">
                            <Show when={m.transcriptIds[0]}>{(tid) => <A href={`/transcripts/${encodeURIComponent(tid())}`}>first transcript</A>}</Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
              <Show when={d().byModel.length >= 2}>
                <p>
                  <A href={compareHref(d().byModel.flatMap((m) => m.transcriptIds.slice(0, 1)).slice(0, 4))}>Open one transcript per model version side by side</A>
                </p>
              </Show>
              <Show when={d().unjudged.count > 0}>
                <p>
                  {d().unjudged.count} transcripts have no {source()} value on {d().unjudged.traits.join(', ')} yet.{' '}
                  <Show when={source() === 'judge'}>
                    <button type="button" onClick={() => void judge()}>
                      Judge them
                    </button>
                  </Show>
                  <Show when={started()}>{(id) => <A href={`/judge/runs/${id()}`}> Judge run started</A>}</Show>
                </p>
              </Show>
            </Show>
          </>
        )}
      </Show>
      <Show when={error()}>{(err) => <ErrorPanel error={err()} title="The judge run was not started" />}</Show>
    </section>
  );
}
