import { For } from 'solid-js';
import { SIGNIFICANCE, TONE_WORDS, type Tone } from '../../lib/comparison-tone.ts';

const SHOWN: readonly Tone[] = ['better', 'worse', 'changed', 'unclear'];

/** What the colours of a matrix or forest plot mean, and the rule that earns a colour. */
export function ToneLegend(props: { against: string }) {
  return (
    <div class="tone-legend">
      <ul aria-label="Colours">
        <For each={SHOWN}>
          {(tone) => (
            <li>
              <span class={`tone-swatch tone-${tone}`} aria-hidden="true" />
              {TONE_WORDS[tone].replace('baseline', props.against)}
            </li>
          )}
        </For>
      </ul>
      <p class="muted">
        Coloured only where the paired 95% CI of the difference (bootstrap over shared scenarios) excludes 0 and the Holm-adjusted p across the traits is below{' '}
        {SIGNIFICANCE}; better or worse by the trait’s polarity.
      </p>
    </div>
  );
}
