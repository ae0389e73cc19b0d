// @ts-check
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of the statistics thread (server/stats/compute.ts) and of the readers that take heavy reads
 * (db/read-pool.ts): on a busy machine uploads, list pages and transcripts get the CPU first, and resampling
 * and statistics over every transcript take what is left.
 */
export const LOW_PRIORITY = 10;

/**
 * Gives the calling thread the nice value `nice` (LOW_PRIORITY for heavy work). Linux sets
 * priority per thread: the thread's id is the last part of /proc/thread-self. Elsewhere, or without /proc, it
 * leaves the priority as it is: priority is a preference, never a reason to fail.
 * @param {number} nice
 */
export function lowerThreadPriority(nice) {
  if (!(nice > 0)) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or no /proc: the thread keeps the process's priority.
  }
}
