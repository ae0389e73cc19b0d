import { createHash } from 'node:crypto';
import type { Evidence } from '../../db/schema/index.ts';
import { quoteIsInText } from '../lib/evidence.ts';
import { flattenContent } from './blocks.ts';
import type { ScoreInput, TranscriptInput } from './transcript-input.ts';

/** A transcript ready for the writer: ids and hashes decided, message text flattened, evidence checked. */
export interface PreparedTranscript {
  input: TranscriptInput;
  externalId: string;
  contentHash: string;
  scenarioKey: string;
  messageTexts: string[];
  scores: PreparedScore[];
}

export interface PreparedScore extends ScoreInput {
  checkedEvidence: Evidence[];
}

export function prepareTranscript(input: TranscriptInput): PreparedTranscript {
  const messageTexts = input.messages.map((m) => flattenContent(m.content));
  const contentHash = sha256(
    JSON.stringify([input.model, input.scenario ?? null, input.sample, input.system ?? null, input.messages]),
  );
  const firstUser = input.messages.findIndex((m) => m.role === 'user');
  const scenarioKey =
    input.scenario ?? `h:${sha256(`${input.system ?? ''}\u0000${firstUser === -1 ? '' : messageTexts[firstUser]}`).slice(0, 20)}`;
  const scores = input.scores.map(
    (s): PreparedScore => ({
      ...s,
      checkedEvidence: s.evidence.map((e) => ({
        message_index: e.message_index,
        quote: e.quote,
        verified: quoteIsInText(e.quote, messageTexts[e.message_index] ?? ''),
      })),
    }),
  );
  return { input, externalId: input.externalId ?? `sha256:${contentHash}`, contentHash, scenarioKey, messageTexts, scores };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
