import type { Evidence } from '../../db/schema/index.ts';
import { createQuoteChecker } from '../lib/evidence.ts';
import { createYielder } from '../lib/yield.ts';
import { textProblem } from '../lib/text.ts';
import { flattenContent } from './blocks.ts';
import type { ScoreInput, TranscriptInput } from './transcript-input.ts';
import { sha256 } from '../lib/hash.ts';
import { measureTranscript, type MessageThinking } from '../thinking/measure.ts';

/** A transcript ready for the writer: ids and hashes decided, message text flattened, evidence checked. */
export interface PreparedTranscript {
  input: TranscriptInput;
  externalId: string;
  contentHash: string;
  scenarioKey: string;
  messageTexts: string[];
  /** Per message, as server/thinking/measure.ts defines it. */
  thinking: MessageThinking[];
  scores: PreparedScore[];
}

export interface PreparedScore extends ScoreInput {
  checkedEvidence: Evidence[];
}

/** Async only to let other requests run between evidence checks, which can be long (lib/yield.ts). */
export async function prepareTranscript(input: TranscriptInput, pause: () => Promise<void> = createYielder()): Promise<PreparedTranscript> {
  const messageTexts = input.messages.map((m) => flattenContent(m.content));
  const contentHash = sha256(
    JSON.stringify([input.model, input.scenario ?? null, input.sample, input.system ?? null, input.messages]),
  );
  const firstUser = input.messages.findIndex((m) => m.role === 'user');
  const scenarioKey =
    input.scenario ?? `h:${sha256(`${input.system ?? ''}\u0000${firstUser === -1 ? '' : messageTexts[firstUser]}`).slice(0, 20)}`;
  const isQuoted = createQuoteChecker(messageTexts, pause);
  const scores: PreparedScore[] = [];
  for (const s of input.scores) {
    const checkedEvidence: Evidence[] = [];
    for (const e of s.evidence) {
      checkedEvidence.push({ message_index: e.message_index, quote: e.quote, verified: await isQuoted(e.quote, e.message_index) });
      await pause();
    }
    scores.push({ ...s, checkedEvidence });
  }
  return { input, externalId: input.externalId ?? `sha256:${contentHash}`, contentHash, scenarioKey, messageTexts, thinking: measureTranscript(input.messages), scores };
}

/**
 * The first field of a transcript that a text column could not give back as sent (see lib/text.ts), as
 * "field: problem"; null when all are fine. Native lines are checked field by field by their schema; this
 * covers what importers build from files.
 */
export function unstorableText(input: TranscriptInput): string | null {
  const fields: [string, string | number | null | undefined][] = [
    ['external id', input.externalId],
    ['model', input.model],
    ['scenario', input.scenario],
    ['scenario title', input.scenarioTitle],
    ['scenario category', input.scenarioCategory],
    ['system prompt', input.system],
    ...input.tags.map((tag, i): [string, string] => [`tags.${i}`, tag]),
    ...input.scores.flatMap((s, i): [string, string | number | null | undefined][] => [
      [`scores.${i}.trait`, s.trait],
      [`scores.${i}.value`, s.value],
      [`scores.${i}.labeler`, s.labeler],
      [`scores.${i}.na_reason`, s.naReason],
      [`scores.${i}.rationale`, s.rationale],
    ]),
  ];
  for (const [field, value] of fields) {
    const problem = typeof value === 'string' ? textProblem(value) : null;
    if (problem) return `${field}: ${problem}`;
  }
  return null;
}
