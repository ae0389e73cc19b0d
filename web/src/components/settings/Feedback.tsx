import { Match, Switch } from 'solid-js';

/** The outcome of an action, in words: what changed, or the server's reason it did not. */
export type Notice = { kind: 'ok' | 'error'; text: string } | null;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Where an action's outcome appears. The live region is always in the page, so a screen reader announces the
 * message when it changes (a region added together with its text is often not read).
 */
export function Feedback(props: { notice: Notice }) {
  return (
    <div class="feedback" aria-live="polite">
      <Switch>
        <Match when={props.notice?.kind === 'ok' && props.notice}>{(n) => <p class="feedback-ok">{n().text}</p>}</Match>
        <Match when={props.notice?.kind === 'error' && props.notice}>
          {(n) => (
            <p class="form-error" role="alert">
              {n().text}
            </p>
          )}
        </Match>
      </Switch>
    </div>
  );
}
