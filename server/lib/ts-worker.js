// A worker thread's entry when charlens runs from its TypeScript sources (tsx: tests, development): worker
// threads do not inherit tsx's loader on Node 20, so this registers it and imports the module named in
// workerData. The bundle (dist/server/) starts its workers' JavaScript directly.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(/** @type {{ module: string }} */ (workerData).module);
