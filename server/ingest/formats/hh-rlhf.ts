import { z } from 'zod';
import type { ComparisonInput, MessageInput, ParsedImport, TranscriptInput } from '../transcript-input.ts';
import { firstJsonLine, readJsonLines, requireJsonLines, shortHash, titleFrom } from './common.ts';
import { describeIssues } from '../../lib/issues.ts';
import { FormatError } from '../../lib/errors.ts';
import { eachFile, type ImportFormat } from './format.ts';

/**
 * Anthropic hh-rlhf preference pairs (https://github.com/anthropics/hh-rlhf): JSONL of `{chosen, rejected}`,
 * each a whole dialogue serialized as `\n\nHuman: …\n\nAssistant: …`. The caller un-gzips `.jsonl.gz`.
 * Each pair becomes two transcripts of one scenario and one crowdworker comparison the chosen side wins.
 */
export const HH_RLHF_FORMAT = 'hh-rlhf';
export const HH_RLHF_TRAIT = 'hh_harmless';
export const HH_RLHF_LABELER = 'hh-rlhf crowdworker';

const pairSchema = z.looseObject({ chosen: z.string(), rejected: z.string() });

const TURN_MARKER = /\n\n(Human|Assistant):/u;
const FINAL_REPLY = '\n\nAssistant:';

export function detect(sample: string): boolean {
  const first = firstJsonLine(sample);
  if (first !== undefined) return pairSchema.safeParse(first).success;
  // A first line longer than the sample cannot be parsed; its opening still shows the shape.
  return /^\s*\{\s*"(chosen|rejected)"\s*:\s*"\\n\\nHuman:/u.test(sample);
}

export interface HhRlhfOptions {
  /** The data names no model; the uploader may say which model produced it. */
  model?: string | undefined;
}

export function parseHhRlhf(text: string, options: HhRlhfOptions = {}): ParsedImport {
  const model = options.model ?? 'hh-rlhf';
  const lines = readJsonLines(text);
  requireJsonLines(lines, 'file');
  const result: ParsedImport = { format: HH_RLHF_FORMAT, transcripts: [], comparisons: [], failed: [] };
  let pairs = 0;
  for (const l of lines) {
    const where = `line ${l.line}`;
    if ('error' in l) {
      result.failed.push({ where, message: l.error });
      continue;
    }
    const pair = pairSchema.safeParse(l.value);
    if (!pair.success) {
      result.failed.push({ where, message: describeIssues(pair.error.issues) });
      continue;
    }
    pairs++;
    try {
      const { transcripts, comparison } = pairToImport(pair.data.chosen, pair.data.rejected, model);
      result.transcripts.push(...transcripts);
      result.comparisons.push(comparison);
    } catch (err) {
      result.failed.push({ where, message: err instanceof FormatError ? err.message : String(err) });
    }
  }
  if (pairs === 0) {
    throw new FormatError('file', `not hh-rlhf: no line is a {chosen, rejected} pair (${result.failed[0]?.where ?? ''}: ${result.failed[0]?.message ?? ''})`);
  }
  return result;
}

function pairToImport(chosen: string, rejected: string, model: string): { transcripts: TranscriptInput[]; comparison: ComparisonInput } {
  const chosenMessages = dialogueTurns(chosen, 'chosen');
  const rejectedMessages = dialogueTurns(rejected, 'rejected');
  // The scenario is the context the two replies answer: the dialogue before the final `Assistant:` turn.
  // In 5 of the 2,312 harmless-base test pairs the two contexts differ; the pair still is one scenario
  // (it is one human judgment), keyed by the chosen side's context, and the difference is noted.
  const context = chosen.slice(0, Math.max(0, chosen.lastIndexOf(FINAL_REPLY)));
  const contextsDiffer = context !== rejected.slice(0, Math.max(0, rejected.lastIndexOf(FINAL_REPLY)));
  const pairId = shortHash(JSON.stringify([chosen, rejected]), 24);
  const firstUser = chosenMessages.find((m) => m.role === 'user')?.content;
  const base = {
    source: HH_RLHF_FORMAT,
    model,
    scenario: `hh-rlhf/${shortHash(context, 24)}`,
    scenarioTitle: typeof firstUser === 'string' ? titleFrom(firstUser) : undefined,
    system: undefined,
    scores: [],
  };
  const metadata = { hh_pair: pairId, ...(contextsDiffer ? { contexts_differ: true } : {}) };
  const transcripts: TranscriptInput[] = [
    { ...base, externalId: `${pairId}/chosen`, sample: 0, messages: chosenMessages, tags: ['chosen'], metadata: { ...metadata, side: 'chosen' } },
    { ...base, externalId: `${pairId}/rejected`, sample: 1, messages: rejectedMessages, tags: ['rejected'], metadata: { ...metadata, side: 'rejected' } },
  ];
  return {
    transcripts,
    comparison: {
      a: { source: HH_RLHF_FORMAT, externalId: `${pairId}/chosen` },
      b: { source: HH_RLHF_FORMAT, externalId: `${pairId}/rejected` },
      trait: HH_RLHF_TRAIT,
      source: 'human',
      winner: 'a',
      // The data does not record the order the crowdworker saw.
      shownOrder: 'unknown',
      labeler: HH_RLHF_LABELER,
    },
  };
}

/**
 * `\n\nHuman: hi\n\nAssistant: hello` → user "hi", assistant "hello". One leading space after the marker is
 * the serialization's, so exactly one is trimmed; the rest of the text is kept as written (some replies
 * are empty, some speakers talk twice in a row, and some turns hold a stray `Human:` without the blank line).
 */
export function dialogueTurns(dialogue: string, side: string): MessageInput[] {
  const parts = dialogue.split(TURN_MARKER);
  if (parts.length < 3) throw new FormatError(side, `${side}: no "\\n\\nHuman:" / "\\n\\nAssistant:" turns`);
  const lead = parts[0] ?? '';
  if (lead.trim() !== '') throw new FormatError(side, `${side}: text before the first turn marker`);
  const messages: MessageInput[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const text = parts[i + 1] ?? '';
    messages.push({ role: parts[i] === 'Human' ? 'user' : 'assistant', content: text.startsWith(' ') ? text.slice(1) : text });
  }
  return messages;
}

export const hhRlhfFormat: ImportFormat = {
  name: HH_RLHF_FORMAT,
  title: 'hh-rlhf preference pairs',
  description: 'JSONL(.gz) of {chosen, rejected}: two transcripts of one scenario and a human comparison',
  extensions: ['.jsonl', '.jsonl.gz'],
  detect: (sample) => detect(sample.text),
  traits: { [HH_RLHF_TRAIT]: { title: 'Harmlessness preference (hh-rlhf)', polarity: 'higher_is_better' } },
  read: { kind: 'files', parse: eachFile((file, context) => parseHhRlhf(context.text(file), context.model ? { model: context.model } : {})) },
};
