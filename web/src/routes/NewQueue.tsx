import { A, useSearchParams } from '@solidjs/router';
import { QueueForm } from '../components/labeling/QueueForm.tsx';
import { usePageTitle } from '../lib/page-title.ts';
import { queueSelectionFromSearch } from '../lib/queue-form.ts';
import { knownUser, useSession } from '../stores/session.tsx';
import './queues.css';

/** `/queues/new` (researchers): a labeling queue, from the transcript list's filters ("Label these") or chosen here. */
export default function NewQueue() {
  usePageTitle(() => 'New labeling queue');
  const [params] = useSearchParams();
  const session = useSession();
  // Read once: the form owns the selection after that.
  const initial = queueSelectionFromSearch(params);
  return (
    <div class="queues-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href="/labeling">← Queues</A>
      </nav>
      <div class="page-head">
        <h1>New labeling queue</h1>
      </div>
      <QueueForm initial={initial} admin={knownUser(session)?.role === 'admin'} />
    </div>
  );
}
