import { models, scenarios, transcripts } from '../../db/schema/index.ts';

/** The columns of a transcript as lists show it: small, so that pages of them stay fast. */
export const compactTranscriptColumns = {
  id: transcripts.id,
  externalId: transcripts.externalId,
  model: models.name,
  scenario: scenarios.key,
  scenarioId: scenarios.id,
  scenarioTitle: scenarios.title,
  sample: transcripts.sampleIndex,
  tags: transcripts.tags,
  messageCount: transcripts.messageCount,
  createdAt: transcripts.createdAt,
};

export interface CompactTranscriptRow {
  id: string;
  externalId: string;
  model: string;
  scenario: string;
  scenarioId: string;
  scenarioTitle: string | null;
  sample: number;
  tags: string[];
  messageCount: number;
  createdAt: number;
}

export function toCompactTranscript<T extends CompactTranscriptRow>(row: T) {
  return {
    id: row.id,
    externalId: row.externalId,
    model: row.model,
    scenario: row.scenario,
    scenarioId: row.scenarioId,
    scenarioTitle: row.scenarioTitle,
    sample: row.sample,
    tags: row.tags,
    messageCount: row.messageCount,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
