import type { Database } from '../../db/client.ts';
import type { Limits } from '../env.ts';
import { yieldTurn } from '../lib/yield.ts';
import { LineError, parseNativeLine } from './native.ts';
import { LineReport, readJsonLines, type LineProblem } from './ndjson.ts';
import { prepareTranscript, type PreparedTranscript } from './prepare.ts';
import { writeBatch, type WriteResult } from './writer.ts';
import { modelCountList, tallyModel, type ModelCount, type ModelTally } from './model-counts.ts';

export interface BatchResponse {
  batchId: string | null;
  inserted: number;
  duplicates: number;
  /** Scores stored with the inserted transcripts. */
  scores: number;
  /** New and duplicate transcripts per model, by name. */
  models: ModelCount[];
  errors: LineProblem[];
}

export interface IngestDeps {
  database: Database;
  limits: Limits;
}

/** Thrown into the writer to roll an atomic upload back at its first bad line. */
class AtomicFailure extends Error {}

/**
 * Native NDJSON batch ingest, in one pass: each line is parsed, validated and prepared, and written while the
 * next ones are read, in one transaction. `body` must be quick to read (a spooled request body, a file), since
 * the write transaction waits on it. Atomic (the default): any bad line → 422 listing the bad lines, nothing
 * written (the transaction rolls back at the first, and the rest of the body is read for the report only).
 * Not atomic: the valid lines are written and the bad ones reported.
 */
export async function ingestNdjson(
  deps: IngestDeps,
  body: AsyncIterable<Uint8Array>,
  options: { atomic: boolean; userId: string | null },
): Promise<BatchResponse> {
  const report = new LineReport();
  let inBatchDuplicates = 0;
  const inBatchByModel: ModelTally = new Map();
  const seen = new Map<string, { line: number; contentHash: string }>();

  /** The upload's transcripts to write, in order: bad lines and repeats are counted and left out. */
  async function* transcripts(): AsyncGenerator<PreparedTranscript> {
    for await (const { line, value } of readJsonLines(body, deps.limits, report)) {
      let prepared: PreparedTranscript;
      try {
        const input = parseNativeLine(value, deps.limits);
        await yieldTurn();
        prepared = await prepareTranscript(input);
      } catch (err) {
        if (!(err instanceof LineError)) throw err;
        report.fail(line, err.message);
        continue;
      }
      const key = prepared.externalId;
      const first = seen.get(key);
      if (first) {
        if (first.contentHash === prepared.contentHash) {
          inBatchDuplicates++;
          tallyModel(inBatchByModel, prepared.input.model, 'duplicates');
        } else report.fail(line, `external_id ${JSON.stringify(key)} is already used on line ${first.line} with different content`);
        continue;
      }
      seen.set(key, { line, contentHash: prepared.contentHash });
      yield prepared;
    }
  }

  // Pulled by hand, not with for-await (which would end the generator when the writer stops early): after an
  // atomic failure the rest of the body is still read, outside the write queue, to report every bad line.
  const lines = transcripts();
  const failedAtomic = () => options.atomic && report.errorCount > 0;
  let result: WriteResult | null = null;
  try {
    // The write queue is entered only for an upload with something to write.
    const first = await lines.next();
    if (!first.done && !failedAtomic()) {
      const firstItem = first.value;
      async function* toWrite(): AsyncGenerator<PreparedTranscript> {
        yield firstItem;
        for (let next = await lines.next(); !next.done; next = await lines.next()) {
          if (failedAtomic()) throw new AtomicFailure();
          yield next.value;
        }
        if (failedAtomic()) throw new AtomicFailure();
      }
      try {
        result = await writeBatch(deps.database, toWrite(), { format: 'native', userId: options.userId, errorCount: () => report.errorCount });
      } catch (err) {
        if (!(err instanceof AtomicFailure)) throw err;
      }
    }
    while (!(await lines.next()).done);
  } finally {
    // Closes the body when the writer failed part-way.
    await lines.return(undefined);
  }

  report.assertNotEmpty('one transcript per line');
  report.assertAtomicClean(options.atomic);
  const { errors } = report;
  if (!result) return { batchId: null, inserted: 0, duplicates: inBatchDuplicates, scores: 0, models: modelCountList(inBatchByModel), errors };
  for (const [model, c] of inBatchByModel) tallyModel(result.perModel, model, 'duplicates', c.duplicates);
  return { batchId: result.batchId, inserted: result.inserted, duplicates: result.duplicates + inBatchDuplicates, scores: result.scores, models: modelCountList(result.perModel), errors };
}
