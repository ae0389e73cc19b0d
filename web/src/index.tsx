/* @refresh reload */
import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { render } from 'solid-js/web';
import { ErrorPanel } from './components/ErrorPanel.tsx';
import { RequireAuth } from './components/RequireAuth.tsx';
import { NotForYourRole, RoleGate } from './components/RoleGate.tsx';
import { TopBar } from './components/TopBar.tsx';
import { ErrorBoundary, lazy } from 'solid-js';
import { ADMIN_ROLES, STAFF_ROLES } from './lib/roles.ts';
import Home from './routes/Home.tsx';
import Login from './routes/Login.tsx';
import NotFound from './routes/NotFound.tsx';
import Setup from './routes/Setup.tsx';
import TranscriptList from './routes/TranscriptList.tsx';
import TranscriptView from './routes/TranscriptView.tsx';

// Pages away from the reading path load on first visit, keeping the initial script small.
const Compare = lazy(() => import('./routes/Compare.tsx'));
const ScenarioView = lazy(() => import('./routes/ScenarioView.tsx'));
const Models = lazy(() => import('./routes/Models.tsx'));
// The dashboards and their chart code load only when one is opened.
const Overview = lazy(() => import('./routes/dashboards/Overview.tsx'));
const VersionCompare = lazy(() => import('./routes/dashboards/VersionCompare.tsx'));
const Distributions = lazy(() => import('./routes/dashboards/Distributions.tsx'));
const Ratings = lazy(() => import('./routes/dashboards/Ratings.tsx'));
const Agreement = lazy(() => import('./routes/dashboards/Agreement.tsx'));
const Scenarios = lazy(() => import('./routes/Scenarios.tsx'));
const Upload = lazy(() => import('./routes/Upload.tsx'));
const JudgeRuns = lazy(() => import('./routes/JudgeRuns.tsx'));
const JudgeRun = lazy(() => import('./routes/JudgeRun.tsx'));
const Labeling = lazy(() => import('./routes/Labeling.tsx'));
const LabelQueue = lazy(() => import('./routes/LabelQueue.tsx'));
const NewQueue = lazy(() => import('./routes/NewQueue.tsx'));
const QueueView = lazy(() => import('./routes/QueueView.tsx'));
const Adjudicate = lazy(() => import('./routes/Adjudicate.tsx'));
const SettingsLayout = lazy(() => import('./routes/settings/SettingsLayout.tsx'));
const SettingsIndex = lazy(() => import('./routes/settings/SettingsLayout.tsx').then((m) => ({ default: m.SettingsIndex })));
const Users = lazy(() => import('./routes/settings/Users.tsx'));
const Tokens = lazy(() => import('./routes/settings/Tokens.tsx'));
const Audit = lazy(() => import('./routes/settings/Audit.tsx'));
const ChangePassword = lazy(() => import('./routes/settings/ChangePassword.tsx'));
import { prefetchTranscript } from './api/client.ts';
import { SessionProvider } from './stores/session.tsx';
import './styles.css';

function Shell(props: RouteSectionProps) {
  return (
    <SessionProvider>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <main id="main">
        <ErrorBoundary fallback={(err) => <ErrorPanel error={err} />}>{props.children}</ErrorBoundary>
      </main>
    </SessionProvider>
  );
}

/** Reading, judging, uploading: a labeler who opens one (an old link) lands on the labeling page, not on a 403. */
function StaffArea(props: RouteSectionProps) {
  return (
    <RoleGate allow={STAFF_ROLES} fallback={<Navigate href="/labeling" />}>
      {props.children}
    </RoleGate>
  );
}

function TokensArea(props: RouteSectionProps) {
  return (
    <RoleGate allow={STAFF_ROLES} fallback={<NotForYourRole what="API tokens" forWhom="researchers and admins" />}>
      {props.children}
    </RoleGate>
  );
}

function AdminArea(props: RouteSectionProps) {
  return (
    <RoleGate allow={ADMIN_ROLES} fallback={<NotForYourRole what="This page" forWhom="admins" />}>
      {props.children}
    </RoleGate>
  );
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks <div id="app">');

render(
  () => (
    <Router root={Shell}>
      <Route path="/login" component={Login} />
      <Route path="/setup" component={Setup} />
      <Route path="/" component={RequireAuth}>
        <Route path="/" component={Home} />
        <Route path="/labeling" component={Labeling} />
        <Route path="/label/:queueId" component={LabelQueue} />
        <Route component={StaffArea}>
          <Route path="/transcripts" component={TranscriptList} />
          <Route path="/transcripts/:id" component={TranscriptView} preload={({ params }) => params['id'] && prefetchTranscript(params['id'])} />
          <Route path="/compare" component={Compare} />
          <Route path="/overview" component={Overview} />
          <Route path="/dashboards/versions" component={VersionCompare} />
          <Route path="/dashboards/distributions" component={Distributions} />
          <Route path="/dashboards/ratings" component={Ratings} />
          <Route path="/dashboards/agreement" component={Agreement} />
          <Route path="/scenarios" component={Scenarios} />
          <Route path="/scenarios/:id" component={ScenarioView} />
          <Route path="/models" component={Models} />
          <Route path="/upload" component={Upload} />
          <Route path="/judge" component={JudgeRuns} />
          <Route path="/judge/runs/:id" component={JudgeRun} />
          <Route path="/queues/new" component={NewQueue} />
          <Route path="/queues/:id" component={QueueView} />
          <Route path="/queues/:id/adjudicate" component={Adjudicate} />
        </Route>
        <Route path="/settings" component={SettingsLayout}>
          <Route path="/" component={SettingsIndex} />
          <Route path="/password" component={ChangePassword} />
          <Route component={TokensArea}>
            <Route path="/tokens" component={Tokens} />
          </Route>
          <Route component={AdminArea}>
            <Route path="/users" component={Users} />
            <Route path="/audit" component={Audit} />
          </Route>
        </Route>
      </Route>
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  root,
);
