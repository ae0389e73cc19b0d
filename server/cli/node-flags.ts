/**
 * The Node flags the server runs with: `npm start` passes them (package.json, held equal by
 * tests/server/node-flags.test.ts), and so do the benchmarks and the tests that start the bundle. Measured on a
 * 200 MB upload (bench/run.ts memory, 3 runs each): peak RSS 187–211 MB with V8's defaults, with outliers of
 * 260; 154–157 MB with these, at the same ingest rate (before the write thread, db/write-thread.ts, which
 * adds its own isolate and statements in flight: 183–196 MB with it).
 * - A 4 MB semi-space instead of 16: V8 keeps both halves of the young generation committed once an upload has
 *   grown them, 32 MB of an idle heap of ~25.
 * - The old generation grows by a fixed 20% before the next full collection, instead of up to 4× when the
 *   collector finds itself fast: an upload's promoted garbage sat in a heap of 150 MB before it was collected.
 * V8 reads the semi-space size once, when it creates the heap, so these go on the command line;
 * `v8.setFlagsFromString` at start-up is too late.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'] as const;
