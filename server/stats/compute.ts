import { Worker } from 'node:worker_threads';
import { clusterBootstrapMeanCi, type BootstrapMeanCi, type BootstrapOptions } from './bootstrap.ts';
import { pairedComparison, type PairedComparison, type PairedOptions } from './paired.ts';

/** One resampling for the statistics thread (server/stats/compute-worker.ts). */
export type ComputeRequest = { id: number; values: Float64Array } & ({ fn: 'meanCi'; options: BootstrapOptions } | { fn: 'paired'; options: PairedOptions });
export type ComputeReply = { id: number; ok: true; value: BootstrapMeanCi | PairedComparison } | { id: number; ok: false; name: string; message: string };

/**
 * Resampling below this many draws (resamples × values, plus sign flips) runs here: the round trip to the
 * thread costs more than the work. Above it, it runs on the thread; the same function with the same seed gives
 * the same numbers either way.
 */
export const INLINE_DRAWS = 100_000;

/**
 * The scenario-bootstrap interval of a mean (`clusterBootstrapMeanCi`), off the event loop when it is large:
 * 2,000 resamples of 10,000 scenarios take ~50 ms of CPU, and under mixed load (bench/mixed.ts) the statistics'
 * resampling filled the main thread, so uploads and every other request waited behind it.
 */
export function meanCi(values: readonly number[], options: BootstrapOptions): Promise<BootstrapMeanCi> {
  if (values.length * (options.resamples ?? 2000) <= INLINE_DRAWS) return Promise.resolve(clusterBootstrapMeanCi(values, options));
  return run<BootstrapMeanCi>({ fn: 'meanCi', values: Float64Array.from(values), options });
}

/** `pairedComparison` (bootstrap CI and sign-flip test of paired deltas), off the event loop when it is large. */
export function paired(deltas: readonly number[], options: PairedOptions): Promise<PairedComparison> {
  if (deltas.length * ((options.resamples ?? 2000) + (options.permutations ?? 10_000)) <= INLINE_DRAWS) return Promise.resolve(pairedComparison(deltas, options));
  return run<PairedComparison>({ fn: 'paired', values: Float64Array.from(deltas), options });
}

let thread: { worker: Worker; pending: Map<number, { resolve: (value: never) => void; reject: (err: Error) => void }> } | null = null;
let nextId = 1;

/** The thread, started on first use: the bundle's compute-worker.js beside it, or the TypeScript through tsx. */
function start() {
  const here = import.meta.url;
  const fromSources = here.endsWith('.ts');
  const worker = fromSources
    ? new Worker(new URL('../lib/ts-worker.js', here), { workerData: { module: new URL('./compute-worker.ts', here).href } })
    : new Worker(new URL('./compute-worker.js', here));
  const pending = new Map<number, { resolve: (value: never) => void; reject: (err: Error) => void }>();
  const current = { worker, pending };
  worker.on('message', (reply: ComputeReply | 'ready') => {
    if (reply === 'ready') return;
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if (!pending.size) worker.unref();
    if (!job) return;
    if (reply.ok) job.resolve(reply.value as never);
    else job.reject(reply.name === 'RangeError' ? new RangeError(reply.message) : new Error(reply.message));
  });
  let failure: Error | null = null;
  worker.on('error', (err) => (failure = err));
  worker.on('exit', (code) => {
    if (thread === current) thread = null;
    const err = new Error(`The statistics thread stopped (${failure?.message ?? `exit code ${code}`})`, { cause: failure ?? undefined });
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  });
  worker.unref();
  return current;
}

function run<T>(request: Omit<ComputeRequest, 'id'>): Promise<T> {
  thread ??= start();
  const { worker, pending } = thread;
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: never) => void, reject });
    worker.ref();
    worker.postMessage({ ...request, id } as ComputeRequest);
  });
}
