import { A, useLocation } from '@solidjs/router';
import { Show } from 'solid-js';
import { ApiRequestError } from '../api/client.ts';

/** Any failure, shown where the content would have been: what went wrong, in the server's words. */
export function ErrorPanel(props: { error: unknown; title?: string }) {
  const location = useLocation();
  const apiError = () => (props.error instanceof ApiRequestError ? props.error : null);
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <div class="panel error-panel" role="alert">
      <h2>{props.title ?? 'Something went wrong'}</h2>
      <p>{message()}</p>
      <Show when={apiError()}>
        {(e) => (
          <p class="muted">
            HTTP {e().status || '—'} · <code>{e().code}</code>
          </p>
        )}
      </Show>
      <Show when={apiError()?.status === 401}>
        <p>
          <A href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>Sign in again</A>
        </p>
      </Show>
    </div>
  );
}
