import type { Database } from '../../db/client.ts';
import type { Limits } from '../env.ts';
import { yieldTurn } from '../lib/yield.ts';
import { LineError, parseNativeLine } from './native.ts';
import { LineReport, readJsonLines, type LineProblem } from './ndjson.ts';
import { prepareTranscript, type PreparedTranscript } from './prepare.ts';
import { Spool } from './spool.ts';
import { writeBatch } from './writer.ts';
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
  spoolDir: string | undefined;
}

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
    const report = new LineReport();
    let inBatchDuplicates = 0;
    const inBatchByModel: ModelTally = new Map();
    const seen = new Map<string, { line: number; contentHash: string }>();

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
        }
        else report.fail(line, `external_id ${JSON.stringify(key)} is already used on line ${first.line} with different content`);
        continue;
      }
      seen.set(key, { line, contentHash: prepared.contentHash });
      if (!options.atomic || report.errorCount === 0) await spool.push(prepared);
    }

    report.assertNotEmpty('one transcript per line');
    report.assertAtomicClean(options.atomic);
    const { errors, errorCount } = report;
    if (spool.size === 0) return { batchId: null, inserted: 0, duplicates: inBatchDuplicates, scores: 0, models: modelCountList(inBatchByModel), errors };
    const result = await writeBatch(deps.database, spool.read(), { format: 'native', userId: options.userId, errorCount });
    for (const [model, c] of inBatchByModel) tallyModel(result.perModel, model, 'duplicates', c.duplicates);
    return { batchId: result.batchId, inserted: result.inserted, duplicates: result.duplicates + inBatchDuplicates, scores: result.scores, models: modelCountList(result.perModel), errors };
  } finally {
    await spool.dispose();
  }
}
