/**
 * The statistics thread (server/stats/compute.ts): runs the resampling of one request at a time and answers
 * with its result. Bundled as dist/server/compute-worker.js; from the sources it runs through tsx
 * (server/lib/ts-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { clusterBootstrapMeanCi } from './bootstrap.ts';
import { pairedComparison } from './paired.ts';
import type { ComputeReply, ComputeRequest } from './compute.ts';
import { LOW_PRIORITY, lowerThreadPriority } from '../../db/thread-priority.js';

if (!parentPort) throw new Error('compute-worker runs as a worker thread of server/stats/compute.ts');
const port = parentPort;
// Statistics over every transcript take the CPU that uploads and page reads leave.
lowerThreadPriority(LOW_PRIORITY);

port.on('message', (request: ComputeRequest) => {
  let reply: ComputeReply;
  try {
    const values = Array.from(request.values);
    const value = request.fn === 'meanCi' ? clusterBootstrapMeanCi(values, request.options) : pairedComparison(values, request.options);
    reply = { id: request.id, ok: true, value };
  } catch (err) {
    reply = { id: request.id, ok: false, name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
