import { asProgress, isSettled, parseProgressEvent, type RunProgress } from '../lib/run-progress.ts';
import type { RunRequestBody } from '../lib/judge-selection.ts';
import { api, call } from './client.ts';

/** The judge API: estimates, runs, their live progress, jobs and each job's audit trail. */

export function estimateRun(body: RunRequestBody) {
  return call(() => api.judge.estimate.$post({ json: body }));
}

export function startRun(body: RunRequestBody) {
  return call(() => api.judge.runs.$post({ json: body }));
}

/** The latest runs, and whether this server can start one (it has an API key). */
export function listRuns() {
  return call(() => api.judge.runs.$get());
}

export function getRun(id: string) {
  return call(() => api.judge.runs[':id'].$get({ param: { id } }));
}

export function cancelRun(id: string) {
  return call(() => api.judge.runs[':id'].cancel.$post({ param: { id } }));
}

export function resumeRun(id: string, options: { budgetUsd?: number; retryFailed: boolean }) {
  return call(() => api.judge.runs[':id'].resume.$post({ param: { id }, json: options }));
}

export type JobStatus = 'pending' | 'running' | 'submitted' | 'done' | 'invalid' | 'failed' | 'cancelled';
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'submitted', 'done', 'invalid', 'failed', 'cancelled'];
export const JOBS_PAGE_SIZE = 50;

export function listJobs(runId: string, options: { status?: JobStatus | undefined; cursor?: string | undefined }) {
  return call(() => api.judge.runs[':id'].jobs.$get({ param: { id: runId }, query: { status: options.status, cursor: options.cursor, limit: String(JOBS_PAGE_SIZE) } }));
}

export function getJob(runId: string, jobId: string) {
  return call(() => api.judge.runs[':id'].jobs[':jobId'].$get({ param: { id: runId, jobId } }));
}

/** A trait's rubric versions, newest first, and which one the judge uses now. */
export function getRubric(trait: string) {
  return call(() => api.rubrics[':trait'].$get({ param: { trait } }));
}

export type Estimate = Awaited<ReturnType<typeof estimateRun>>;
export type RunView = Awaited<ReturnType<typeof getRun>>;
export type JobPage = Awaited<ReturnType<typeof listJobs>>;
export type JobRow = JobPage['items'][number];
export type JobDetail = Awaited<ReturnType<typeof getJob>>;

/** How often the page asks for progress when the event stream is not available. */
export const POLL_MS = 1500;

export type WatchMode = 'live' | 'polling' | 'ended';

/**
 * Follows a run: the server's event stream while it works (cookies sent along), else polling
 * `GET /api/v1/judge/runs/:id`, until the run is settled (a final status, no job open). Returns a stop function.
 */
export function watchRun(id: string, on: { progress: (p: RunProgress) => void; mode: (m: WatchMode) => void; error: (err: unknown) => void }): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let source: EventSource | undefined;

  const poll = async () => {
    if (stopped) return;
    try {
      const progress = asProgress(await getRun(id));
      if (stopped) return;
      if (progress) {
        on.progress(progress);
        if (isSettled(progress)) {
          on.mode('ended');
          return;
        }
      }
    } catch (err) {
      if (stopped) return;
      on.error(err);
    }
    timer = setTimeout(() => void poll(), POLL_MS);
  };
  const fallBack = () => {
    source?.close();
    source = undefined;
    if (stopped) return;
    on.mode('polling');
    void poll();
  };

  if (typeof EventSource === 'undefined') fallBack();
  else {
    const url = api.judge.runs[':id'].events.$url({ param: { id } });
    source = new EventSource(url.pathname, { withCredentials: true });
    on.mode('live');
    source.addEventListener('progress', (e) => {
      const p = parseProgressEvent(e.data);
      if (p) on.progress(p);
    });
    source.addEventListener('end', (e) => {
      const p = parseProgressEvent(e.data);
      // The server closes the stream after `end`; closing first keeps EventSource from reconnecting.
      source?.close();
      source = undefined;
      if (p) on.progress(p);
      // A run ended (cancelled) with requests still in flight: their results still come in, so poll for them.
      if (p && !isSettled(p)) fallBack();
      else on.mode('ended');
    });
    // A stream that breaks (a proxy that buffers, a restart, a 401) becomes polling, which reports its own errors.
    source.onerror = () => fallBack();
  }

  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
