import { A } from '@solidjs/router';
import { usePageTitle } from '../lib/page-title.ts';

export default function NotFound() {
  usePageTitle(() => 'Not found');
  return (
    <div class="narrow">
      <section class="panel">
        <h1>Page not found</h1>
        <p>
          There is nothing at this address. <A href="/transcripts">Go to the transcripts</A>.
        </p>
      </section>
    </div>
  );
}
