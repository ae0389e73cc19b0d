import { Show } from 'solid-js';
import { shareParts } from '../../lib/themes.ts';

/** A share with its 95% CI; the interval stays on one line, so a narrow column breaks before it, not inside it. */
export function ShareCi(props: { value: Parameters<typeof shareParts>[0] }) {
  const parts = () => shareParts(props.value);
  return (
    <>
      {parts().value}
      <Show when={parts().ci}>{(ci) => <> <span class="ci">{ci()}</span></>}</Show>
      <Show when={parts().reason}>{(reason) => <> {reason()}</>}</Show>
    </>
  );
}
