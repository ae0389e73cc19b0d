import { createResource, For, Show } from 'solid-js';
import { listUsers } from '../../api/admin.ts';
import { formatCount } from '../../lib/format.ts';
import { parseEmails } from '../../lib/queue-form.ts';

/**
 * Who labels: an admin picks from the users (labelers first; disabled users cannot sign in, so they are not
 * offered) and may type more; a researcher, who cannot list users, types emails. The server names any email
 * that is not a user.
 */
export function LabelerPicker(props: { admin: boolean; picked: readonly string[]; typed: string; onPick: (emails: string[]) => void; onType: (text: string) => void }) {
  const [users] = createResource(
    () => props.admin || undefined,
    async () => (await listUsers()).filter((u) => !u.disabled).sort((a, b) => Number(b.role === 'labeler') - Number(a.role === 'labeler') || a.email.localeCompare(b.email)),
  );
  const toggle = (email: string, on: boolean) => props.onPick(on ? [...props.picked.filter((e) => e !== email), email] : props.picked.filter((e) => e !== email));
  return (
    <fieldset class="labeler-picker">
      <legend>Labelers</legend>
      <Show when={props.admin && users.state === 'ready' && users()}>
        {(list) => (
          <div class="labeler-options">
            <For each={list()}>
              {(u) => (
                <label class="check">
                  <input type="checkbox" name="labeler" value={u.email} checked={props.picked.includes(u.email)} onChange={(e) => toggle(u.email, e.currentTarget.checked)} />
                  <span>
                    {u.email} <span class="muted">· {u.role}</span>
                  </span>
                </label>
              )}
            </For>
          </div>
        )}
      </Show>
      <Show when={props.admin && users.state === 'errored'}>
        <p class="form-error">Could not list the users; type the emails instead.</p>
      </Show>
      <label>
        <span>
          {props.admin ? 'Or type emails' : 'Emails'} <span class="hint">· separated by commas or lines; each must be a user of this server</span>
        </span>
        <textarea name="labeler-emails" rows="2" value={props.typed} onInput={(e) => props.onType(e.currentTarget.value)} />
      </label>
      <Show when={props.picked.length + parseEmails(props.typed).length > 0}>
        <p class="muted labeler-count">{formatCount(new Set([...props.picked, ...parseEmails(props.typed)]).size, 'labeler', 'labelers')} named.</p>
      </Show>
    </fieldset>
  );
}
