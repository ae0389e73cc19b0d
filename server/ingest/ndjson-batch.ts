import type { Database } from '../../db/client.ts';
import type { Limits } from '../env.ts';
import { BadRequest, Unprocessable } from '../lib/errors.ts';
import { parseJson } from '../lib/json.ts';
import { createYielder } from '../lib/yield.ts';
import { LineError, parseNativeLine } from './native.ts';
import { readNdjsonLines } from './ndjson.ts';
import { prepareTranscript, type PreparedTranscript } from './prepare.ts';
import { Spool } from './spool.ts';
import { writeBatch } from './writer.ts';
import { modelCountList, tallyModel, type ModelCount, type ModelTally } from './model-counts.ts';

export interface LineProblem {
  line: number;
  message: string;
}

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
  spoolDir: string | undefined;
}

/** Reported bad lines are capped so that a wholly wrong file gives a readable answer, not megabytes. */
const MAX_REPORTED_ERRORS = 1000;

/**
 * Native NDJSON batch ingest. Pass 1 validates every line into a spool file (memory does not grow with the
 * upload); pass 2 writes the spool in one transaction. Atomic (the default): any bad line → 422 listing the
 * bad lines, nothing written. Not atomic: the valid lines are written and the bad ones reported.
 */
export async function ingestNdjson(
  deps: IngestDeps,
  body: AsyncIterable<Uint8Array>,
  options: { atomic: boolean; userId: string | null },
): Promise<BatchResponse> {
  const spool = await Spool.create<PreparedTranscript>(deps.spoolDir);
  try {
    const errors: LineProblem[] = [];
    let errorCount = 0;
    let lines = 0;
    let inBatchDuplicates = 0;
    const inBatchByModel: ModelTally = new Map();
    const seen = new Map<string, { line: number; contentHash: string }>();
    const fail = (line: number, message: string) => {
      errorCount++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, message });
    };

    const pause = createYielder();
    for await (const item of readNdjsonLines(body, deps.limits)) {
      lines++;
      await pause();
      if ('invalidUtf8' in item) {
        fail(item.line, 'line is not valid UTF-8');
        continue;
      }
      let value: unknown;
      try {
        value = parseJson(item.text);
      } catch (err) {
        fail(item.line, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      let prepared: PreparedTranscript;
      try {
        await pause();
        const input = parseNativeLine(value, deps.limits);
        await pause();
        prepared = await prepareTranscript(input, pause);
      } catch (err) {
        if (!(err instanceof LineError)) throw err;
        fail(item.line, err.message);
        continue;
      }
      const key = prepared.externalId;
      const first = seen.get(key);
      if (first) {
        if (first.contentHash === prepared.contentHash) {
          inBatchDuplicates++;
          tallyModel(inBatchByModel, prepared.input.model, 'duplicates');
        }
        else fail(item.line, `external_id ${JSON.stringify(key)} is already used on line ${first.line} with different content`);
        continue;
      }
      seen.set(key, { line: item.line, contentHash: prepared.contentHash });
      if (!options.atomic || errorCount === 0) await spool.push(prepared);
    }

    if (lines === 0) throw new BadRequest('Request body is empty: send NDJSON, one transcript per line');
    if (errorCount > 0 && options.atomic) {
      throw new Unprocessable(
        `${errorCount} of ${lines} lines are invalid; nothing was written (send ?atomic=false to write the valid lines)`,
        { errors, errorCount, truncated: errorCount > errors.length },
      );
    }
    if (spool.size === 0) return { batchId: null, inserted: 0, duplicates: inBatchDuplicates, scores: 0, models: modelCountList(inBatchByModel), errors };
    const result = await writeBatch(deps.database, spool.read(), { format: 'native', userId: options.userId, errorCount });
    for (const [model, c] of inBatchByModel) tallyModel(result.perModel, model, 'duplicates', c.duplicates);
    return { batchId: result.batchId, inserted: result.inserted, duplicates: result.duplicates + inBatchDuplicates, scores: result.scores, models: modelCountList(result.perModel), errors };
  } finally {
    await spool.dispose();
  }
}
