import { Show } from 'solid-js';
import type { AuditEntry } from '../../api/admin.ts';
import { actorLabel, compactDetails, targetEmail } from '../../lib/audit-format.ts';
import { formatDateTime } from '../../lib/format.ts';

/** One audit entry: when, who, what, on what, and its details as one line of JSON (the whole of it a click away). */
export function AuditRow(props: { entry: AuditEntry; emailsById: ReadonlyMap<string, string> }) {
  const details = () => compactDetails(props.entry.details);
  const email = () => targetEmail(props.entry.target, props.emailsById);
  return (
    <tr data-action={props.entry.action}>
      <td data-label="When" class="created">
        <time datetime={props.entry.createdAt} title={props.entry.createdAt}>
          {formatDateTime(props.entry.createdAt)}
        </time>
      </td>
      <td data-label="Who" class="audit-who" classList={{ muted: props.entry.userId === null }}>
        {actorLabel(props.entry)}
      </td>
      <td data-label="Action">
        <code class="audit-action">{props.entry.action}</code>
      </td>
      <td data-label="Target">
        <Show when={props.entry.target} fallback={<span class="muted">—</span>}>
          {(target) => (
            // A user is shown by email (ids mean nothing to a reader); the id stays in the tooltip and the filter.
            <Show when={email()} fallback={<code class="audit-target">{target()}</code>}>
              {(e) => (
                <span class="audit-target-user" title={`user ${target()}`}>
                  {e()}
                </span>
              )}
            </Show>
          )}
        </Show>
      </td>
      <td data-label="Details" class="audit-details">
        <Show when={details().truncated} fallback={<code>{details().short}</code>}>
          <details>
            <summary>
              <code>{details().short}</code>
            </summary>
            <pre class="audit-json">{details().full}</pre>
          </details>
        </Show>
      </td>
    </tr>
  );
}
