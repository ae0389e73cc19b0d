/**
 * Long CPU work on the event loop (validating an upload line by line, writing it chunk by chunk, checking
 * hundreds of evidence quotes against a 4 MiB message) calls `yieldTurn()` between its steps. All of it, however
 * many uploads run at once, shares one slice of SLICE_MS per turn of the event loop: a caller that finds the
 * slice spent waits, in order of arrival, for a later turn. In between, the loop serves what needs it briefly (a
 * request arriving, a reader's answer), so a list page waits for one slice, not for one slice per upload:
 * per-task budgets (one each) let 20 uploads hold a turn for 20 slices, and reads p95 was a second.
 */
export const SLICE_MS = 10;

let sliceEnds = 0;
const waiting: (() => void)[] = [];
let granting = false;

export async function yieldTurn(): Promise<void> {
  if (performance.now() < sliceEnds) return;
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!granting) {
      granting = true;
      setImmediate(grant);
    }
  });
}

// One waiter per turn of the loop: an immediate queued from an immediate runs on the next turn, after the poll
// phase has taken in the I/O that arrived meanwhile.
function grant() {
  sliceEnds = performance.now() + SLICE_MS;
  waiting.shift()?.();
  if (waiting.length) setImmediate(grant);
  else granting = false;
}
