import { A } from '@solidjs/router';
import { usePageTitle } from '../lib/page-title.ts';

/**
 * Where a labeler lands. Labeling queues are not built yet; until they are, this says so instead of opening
 * pages that labelers may not use (the server answers those with 403).
 */
export default function Labeling() {
  usePageTitle(() => 'Labeling');
  return (
    <div class="narrow">
      <section class="panel labeling-home">
        <h1>Labeling</h1>
        <p>Your account can label; labeling queues will appear here.</p>
        <p class="muted">
          Until then there is nothing to do here. You can <A href="/settings/password">change your password</A>.
        </p>
      </section>
    </div>
  );
}
