import type { Json } from '../../db/schema/index.ts';
import type { MessageContent } from './blocks.ts';

/**
 * The one normalized shape every ingest path produces (native NDJSON and every importer), and the only
 * shape the writer (server/ingest/writer.ts) accepts.
 */
export interface TranscriptInput {
  /** Unique within `source`; when absent the writer uses the content hash, so re-uploads are no-ops. */
  externalId: string | undefined;
  source: string;
  model: string;
  /** The uploader's scenario key; when absent it is derived from the system prompt and first user turn. */
  scenario: string | undefined;
  scenarioTitle?: string | undefined;
  scenarioCategory?: string | undefined;
  sample: number;
  system: string | undefined;
  messages: MessageInput[];
  tags: string[];
  metadata: { [key: string]: Json };
  scores: ScoreInput[];
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface MessageInput {
  role: Role;
  content: MessageContent;
  /** Thinking tokens the upload reports for this message (server/thinking/measure.ts). */
  thinkingTokens?: number | undefined;
}

export interface ScoreInput {
  trait: string;
  source: 'import' | 'human';
  /** A number, a category (e.g. Inspect's `C`/`I`), or null for N/A (with `naReason`). */
  value: number | string | null;
  naReason?: string | undefined;
  /** `failed` keeps a judgment that could not be read (e.g. a Spiral-Bench chunk with an error): visible, never counted. */
  status?: 'valid' | 'failed' | undefined;
  labeler?: string | undefined;
  turns?: [number, number] | undefined;
  evidence: { message_index: number; quote: string }[];
  rationale?: string | undefined;
  sample?: number | undefined;
}

/** Names a transcript by the same key the writer dedupes on. */
export interface TranscriptRef {
  source: string;
  externalId: string;
}

/** A pairwise verdict between two transcripts of one scenario (MT-Bench pairs, hh-rlhf chosen/rejected). */
export interface ComparisonInput {
  a: TranscriptRef;
  b: TranscriptRef;
  trait: string;
  source: 'import' | 'human';
  winner: 'a' | 'b' | 'tie';
  shownOrder: 'ab' | 'ba' | 'unknown';
  rationale?: string | undefined;
  labeler?: string | undefined;
}

/** What one parsed file gives the writer. `failed` lists parts of the file that could not be read. */
export interface ParsedImport {
  format: string;
  transcripts: TranscriptInput[];
  comparisons: ComparisonInput[];
  failed: { where: string; message: string }[];
}
