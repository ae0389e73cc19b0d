import { demoScenarios } from './scenarios.ts';
import {
  baseScores,
  humanNotes,
  NA_REASON_USER_RIGHT,
  scoreRationale,
} from './scenarios/score-profiles.ts';
import {
  DEMO_MODELS,
  DEMO_TRAITS,
  REPLY_KEYS,
  type DemoCategory,
  type DemoModel,
  type DemoReply,
  type DemoReplyParts,
  type DemoScenario,
  type DemoTrait,
} from './scenarios/types.ts';

/**
 * The demo data set as native NDJSON lines (DESIGN.md, "Native NDJSON line"): every scenario × model ×
 * sample, with imported judge-style scores and, on a third of the transcripts, human labels. Deterministic:
 * the same lines on every call, so a re-upload is a no-op.
 */

export const DEMO_SAMPLES = 2;
export const DEMO_LABELERS = ['demo-labeler-1', 'demo-labeler-2'] as const;

export type DemoBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string }
  | { type: 'tool_use'; id: string; name: string; input: { [key: string]: string } }
  | { type: 'tool_result'; tool_use_id: string; content: string };

export interface DemoMessage {
  role: 'user' | 'assistant';
  content: string | DemoBlock[];
}

export interface DemoEvidence {
  message_index: number;
  quote: string;
}

export interface DemoScore {
  trait: DemoTrait;
  value: number | null;
  na_reason?: string;
  source: 'import' | 'human';
  labeler?: string;
  turns?: [number, number];
  evidence: DemoEvidence[];
  rationale: string;
}

export interface DemoLine {
  external_id: string;
  model: DemoModel;
  scenario: string;
  scenario_title: string;
  scenario_category: string;
  sample: number;
  system: string;
  messages: DemoMessage[];
  tags: string[];
  metadata: { demo: true; category: DemoCategory; title: string };
  scores: DemoScore[];
}

export function demoLines(): DemoLine[] {
  const lines: DemoLine[] = [];
  demoScenarios.forEach((scenario, scenarioIndex) => {
    DEMO_MODELS.forEach((model, modelIndex) => {
      for (let sample = 0; sample < DEMO_SAMPLES; sample++) {
        // Exactly two of a scenario's six transcripts get human labels, a different pair per scenario.
        const humanLabeled = (scenarioIndex + 2 * modelIndex + sample) % 3 === 0;
        const secondLabeler = humanLabeled && scenarioIndex % 2 === 0;
        lines.push(buildLine(scenario, model, sample, humanLabeled, secondLabeler));
      }
    });
  });
  return lines;
}

export function demoNdjson(): string {
  return demoLines()
    .map((line) => JSON.stringify(line))
    .join('\n')
    .concat('\n');
}

type MarkKind = 'p' | 's' | 'w';
interface Mark {
  kind: MarkKind;
  evidence: DemoEvidence;
}

function buildLine(
  scenario: DemoScenario,
  model: DemoModel,
  sample: number,
  humanLabeled: boolean,
  secondLabeler: boolean,
): DemoLine {
  const externalId = `demo/${scenario.key}/${model}/${sample}`;
  const messages: DemoMessage[] = [];
  const marks: Mark[] = [];

  /** Resolves the markups of `raw`, records its evidence at the index the message will get, returns the text. */
  const render = (raw: string): string => {
    const { text, found } = extractMarks(resolveVariants(raw, sample));
    for (const { kind, quote } of found) marks.push({ kind, evidence: { message_index: messages.length, quote } });
    return text;
  };

  scenario.exchanges.forEach((exchange, exchangeIndex) => {
    messages.push({ role: 'user', content: exchange.user });
    const reply = replyParts(exchange[REPLY_KEYS[model]]);
    let blocks: DemoBlock[] = [];
    if (reply.thinking !== undefined) blocks.push({ type: 'thinking', thinking: reply.thinking });
    if (reply.tool !== undefined) {
      const id = `toolu_${scenario.key.replace('-', '')}_${REPLY_KEYS[model]}_${exchangeIndex}`;
      if (reply.tool.preface !== undefined) blocks.push({ type: 'text', text: render(reply.tool.preface) });
      blocks.push({ type: 'tool_use', id, name: reply.tool.name, input: reply.tool.input });
      messages.push({ role: 'assistant', content: blocks });
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: reply.tool.result }] });
      blocks = [];
    }
    blocks.push({ type: 'text', text: render(reply.text) });
    messages.push({ role: 'assistant', content: blocks });
  });

  const base = baseScores(scenario, model);
  const scores: DemoScore[] = DEMO_TRAITS.map((trait) =>
    importScore(scenario, model, trait, base[trait], evidenceFor(trait, marks), externalId),
  );
  if (humanLabeled) {
    scores.push(humanScore(scenario, model, 'pushback', base.pushback, marks, externalId, DEMO_LABELERS[0]));
    scores.push(humanScore(scenario, model, 'sycophancy', base.sycophancy, marks, externalId, DEMO_LABELERS[0]));
    if (secondLabeler) {
      scores.push(humanScore(scenario, model, 'pushback', base.pushback, marks, externalId, DEMO_LABELERS[1]));
    }
  }

  return {
    external_id: externalId,
    model,
    scenario: scenario.key,
    scenario_title: scenario.title,
    scenario_category: scenario.category,
    sample,
    system: scenario.system,
    messages,
    tags: [scenario.category, ...scenario.topics],
    metadata: { demo: true, category: scenario.category, title: scenario.title },
    scores,
  };
}

function replyParts(reply: DemoReply): DemoReplyParts {
  return typeof reply === 'string' ? { text: reply } : reply;
}

/** `{{a|b}}` → `a` for sample 0, `b` for sample 1. */
function resolveVariants(raw: string, sample: number): string {
  const text = raw.replace(/\{\{([^{}|]*)\|([^{}|]*)\}\}/g, (_all, first: string, second: string) =>
    sample % 2 === 0 ? first : second,
  );
  if (text.includes('{{') || text.includes('}}')) throw new Error(`unresolved variant in demo text: ${raw.slice(0, 80)}`);
  return text;
}

/** `[[p:quote]]` → `quote`, remembering it as pushback evidence (`s`: sycophancy, `w`: warmth). */
function extractMarks(raw: string): { text: string; found: { kind: MarkKind; quote: string }[] } {
  const found: { kind: MarkKind; quote: string }[] = [];
  const text = raw.replace(/\[\[([psw]):([\s\S]*?)\]\]/g, (_all, kind: string, quote: string) => {
    if (kind !== 'p' && kind !== 's' && kind !== 'w') throw new Error(`unknown evidence mark ${kind}`);
    found.push({ kind, quote });
    return quote;
  });
  if (/\[\[[psw]:/.test(text)) throw new Error(`unclosed evidence mark in demo text: ${raw.slice(0, 80)}`);
  return { text, found };
}

const MAX_EVIDENCE = 3;

function evidenceFor(trait: DemoTrait, marks: Mark[]): DemoEvidence[] {
  const pick = (kind: MarkKind) => marks.filter((m) => m.kind === kind).map((m) => m.evidence);
  switch (trait) {
    case 'pushback':
      return pick('p').slice(0, MAX_EVIDENCE);
    case 'sycophancy':
      return [...pick('s'), ...pick('p')].slice(0, MAX_EVIDENCE);
    case 'warmth':
      return pick('w').slice(0, MAX_EVIDENCE);
  }
}

function importScore(
  scenario: DemoScenario,
  model: DemoModel,
  trait: DemoTrait,
  base: number | null,
  evidence: DemoEvidence[],
  externalId: string,
): DemoScore {
  const score: DemoScore = {
    trait,
    value: base === null ? null : jitter(base, seededRandom(`${externalId}|${trait}|import`), 0.15),
    source: 'import',
    evidence,
    rationale: scoreRationale(scenario, model, trait),
  };
  if (base === null) score.na_reason = NA_REASON_USER_RIGHT;
  if (trait !== 'warmth' && evidence.length > 0) score.turns = span(evidence);
  return score;
}

function humanScore(
  scenario: DemoScenario,
  model: DemoModel,
  trait: 'pushback' | 'sycophancy',
  base: number | null,
  marks: Mark[],
  externalId: string,
  labeler: string,
): DemoScore {
  const random = seededRandom(`${externalId}|${trait}|${labeler}`);
  const value = base === null ? null : jitter(base, random, 0.2);
  const notes = humanNotes(model, scenario.category, trait);
  const score: DemoScore = {
    trait,
    value,
    source: 'human',
    labeler,
    evidence: evidenceFor(trait, marks).slice(0, 1),
    rationale: notes[Math.floor(random() * notes.length)] ?? notes[0] ?? '',
  };
  if (value === null) score.na_reason = NA_REASON_USER_RIGHT;
  return score;
}

/** Moves `base` one step down or up with probability `p` each, staying on the 1–5 scale. */
function jitter(base: number, random: () => number, p: number): number {
  const r = random();
  const delta = r < p ? -1 : r >= 1 - p ? 1 : 0;
  return Math.min(5, Math.max(1, base + delta));
}

function span(evidence: DemoEvidence[]): [number, number] {
  const indices = evidence.map((e) => e.message_index);
  return [Math.min(...indices), Math.max(...indices)];
}

/** mulberry32 seeded with the FNV-1a hash of `seed`: small, fast, and the same on every platform. */
function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
