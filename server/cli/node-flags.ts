/**
 * The Node flags the server runs with: `npm start` passes them (package.json, held equal by
 * tests/server/node-flags.test.ts), and so do the benchmarks and the tests that start the bundle.
 * - A 2 MB semi-space instead of 16: V8 keeps both halves of the young generation committed once an upload has
 *   grown them, and with the write thread and the upload's parsing at work together every isolate's young
 *   generation is busy at once. Peak RSS of a 200 MB upload (bench/run.ts memory): 187–266 MB with V8's
 *   defaults (before the write thread), 154–158 with 4 MB; with the write thread and the one-pass ingest,
 *   205–216 with 4 MB and 179 with 2 MB. The price, a 60 MB upload alternating in one run (3 each): 1,898/s
 *   against 2,076/s with 4 MB (−9%).
 * - The old generation grows by a fixed 50% before the next full collection, instead of up to 4× when the
 *   collector finds itself fast: an upload's promoted garbage sat in a heap of 150 MB before it was collected.
 *   20% collected too often: alternating (2 runs each, bench/run.ts ingest, memory and mixed), 50% ingested a
 *   20,000-transcript upload at 0.79–0.81× the ceiling against 0.72–0.74×, 20 uploaders with 20 readers at
 *   1,630–1,654/s against 1,466–1,485/s, for a 200 MB upload's peak of 148–151 MB against 140–146.
 * V8 reads the semi-space size once, when it creates the heap, so these go on the command line;
 * `v8.setFlagsFromString` at start-up is too late.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=50'] as const;
