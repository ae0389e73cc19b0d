import type { LabelProgress } from '../../api/labeling.ts';
import { myProgressText, percent, queueProgressText } from '../../lib/label-progress.ts';

/** Mine (done of what I can do) and the queue's (complete of items), as words and bars. */
export function LabelProgressBars(props: { progress: LabelProgress }) {
  return (
    <div class="label-progress" role="status" aria-label="Progress">
      <div>
        <span class="progress-label">You</span> <span class="my-progress">{myProgressText(props.progress)}</span>
        <progress max="100" value={percent(props.progress.mine, props.progress.mine + props.progress.available)} aria-hidden="true" />
      </div>
      <div>
        <span class="progress-label">Queue</span> <span class="queue-progress">{queueProgressText(props.progress)}</span>
        <progress max="100" value={percent(props.progress.complete, props.progress.items)} aria-hidden="true" />
      </div>
    </div>
  );
}
