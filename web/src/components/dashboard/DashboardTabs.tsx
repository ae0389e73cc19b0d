import { A, useSearchParams } from '@solidjs/router';
import { For } from 'solid-js';
import { DASHBOARD_PAGES, dashboardHref, type DashboardPage } from '../../lib/dashboard-params.ts';
import './dashboard.css';

/** The dashboards' own menu; each link carries the trait, source and baseline over to the next page. */
export function DashboardTabs(props: { current: DashboardPage }) {
  const [params] = useSearchParams();
  return (
    <nav class="dashboard-tabs" aria-label="Dashboards">
      <For each={DASHBOARD_PAGES}>
        {(p) => (
          <A href={dashboardHref(p.page, params)} classList={{ current: p.page === props.current }} aria-current={p.page === props.current ? 'page' : undefined}>
            {p.label}
          </A>
        )}
      </For>
      <A href="/scenarios">Scenarios</A>
    </nav>
  );
}
