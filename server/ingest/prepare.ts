import type { Evidence } from '../../db/schema/index.ts';
import { createQuoteChecker } from '../lib/evidence.ts';
import { yieldTurn } from '../lib/yield.ts';
import { textProblem } from '../lib/text.ts';
import { flattenContent } from './blocks.ts';
import type { ScoreInput, TranscriptInput } from './transcript-input.ts';
import { sha256 } from '../lib/hash.ts';

/**
 * A transcript ready for the writer: ids and hashes decided, evidence checked. It carries nothing the writer
 * makes from the messages anyway: not the flattened text, nor the thinking measures (the writer measures them;
 * the messages keep their `thinkingTokens`).
 */
export interface PreparedTranscript {
  /** The transcript as given, less its scores: `scores` below holds them, checked. */
  input: Omit<TranscriptInput, 'scores'>;
  externalId: string;
  contentHash: string;
  scenarioKey: string;
  scores: PreparedScore[];
}

/** A score with its evidence quotes checked against the messages they cite. */
export interface PreparedScore extends Omit<ScoreInput, 'evidence'> {
  evidence: Evidence[];
}

/** Async only to let other requests run between evidence checks, which can be long (lib/yield.ts). */
export async function prepareTranscript(input: TranscriptInput): Promise<PreparedTranscript> {
  // Flattened only when needed (a derived scenario key, evidence to check); the writer flattens for search.
  let texts: string[] | undefined;
  const messageTexts = () => (texts ??= input.messages.map((m) => flattenContent(m.content)));
  const contentHash = sha256(
    JSON.stringify([input.model, input.scenario ?? null, input.sample, input.system ?? null, input.messages]),
  );
  const firstUser = input.messages.findIndex((m) => m.role === 'user');
  const scenarioKey =
    input.scenario ?? `h:${sha256(`${input.system ?? ''}\u0000${firstUser === -1 ? '' : messageTexts()[firstUser]}`).slice(0, 20)}`;
  const scores: PreparedScore[] = [];
  let isQuoted: ReturnType<typeof createQuoteChecker> | undefined;
  for (const s of input.scores) {
    const checkedEvidence: Evidence[] = [];
    for (const e of s.evidence) {
      isQuoted ??= createQuoteChecker(messageTexts());
      checkedEvidence.push({ message_index: e.message_index, quote: e.quote, verified: await isQuoted(e.quote, e.message_index) });
      await yieldTurn();
    }
    scores.push({ ...s, evidence: checkedEvidence });
  }
  const { scores: _given, ...rest } = input;
  return { input: rest, externalId: input.externalId ?? `sha256:${contentHash}`, contentHash, scenarioKey, scores };
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
