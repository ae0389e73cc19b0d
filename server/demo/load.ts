import { count } from 'drizzle-orm';
import { transcripts } from '../../db/schema/index.ts';
import type { IngestDeps } from '../ingest/ndjson-batch.ts';
import { ingestNdjson, type BatchResponse } from '../ingest/ndjson-batch.ts';
import { demoNdjson } from './demo-set.ts';

/**
 * Loads the demo set through the same NDJSON ingest as any upload, so the demo exercises the real path.
 * Loading it twice is a no-op: its external ids make every line a duplicate.
 */
export async function loadDemo(deps: IngestDeps, userId: string | null): Promise<BatchResponse> {
  const bytes = new TextEncoder().encode(demoNdjson());
  async function* body() {
    yield bytes;
  }
  return ingestNdjson(deps, body(), { atomic: true, userId });
}

export async function isEmpty(deps: IngestDeps): Promise<boolean> {
  const [row] = await deps.database.db.select({ n: count() }).from(transcripts);
  return (row?.n ?? 0) === 0;
}
