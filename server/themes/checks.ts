import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { ThemeEvidence } from '../../db/schema/index.ts';
import { normalizeWhitespace } from '../lib/evidence.ts';
import { unneutralize } from '../judge/prompt.ts';
import { toolInput, zodMessage, type Checked } from '../judge/judgment.ts';

/**
 * The checks of theme answers: each step's tool input must have the right shape and refer only to what it was
 * shown (notes, themes, traits); quotes are checked like judge evidence and kept, marked, when not found.
 */

export const NOTE_TOOL = 'record_note';
export const THEMES_TOOL = 'record_themes';
export const ASSIGN_TOOL = 'record_assignments';
export const DRAFT_TOOL = 'record_scenarios';

export const MAX_NOTE_CHARS = 600;
export const MAX_THEMES = 25;
export const MAX_QUOTES_PER_NOTE = 5;

/** A theme as reduce names it. `continues` is the ref of the earlier version's theme it carries on, if any. */
export interface CandidateTheme {
  name: string;
  description: string;
  inclusionCriteria: string;
  continues: string | null;
  /** Note (or candidate) refs it was built from, as Claude listed them; for reading, not for assignment. */
  sources: string[];
}

export interface DraftScenario {
  title: string;
  systemPrompt: string | null;
  userTurns: string[];
  goodResponse: string;
  failureLooksLike: string;
  trait: string;
  rubric: string;
  failThreshold: number;
}

export type ThemeJobOutput =
  | { step: 'map'; note: string; nothingWrong: boolean; evidence: ThemeEvidence[] }
  | { step: 'reduce'; themes: CandidateTheme[] }
  | { step: 'assign'; assignments: { ref: string; theme: string | null; confidence: number }[] }
  | { step: 'draft'; scenarios: DraftScenario[] };

const text = (field: string, max: number) => z.string().trim().min(1, `${field} must not be empty`).max(max, `${field} must be at most ${max} characters`);

function parse<T extends z.ZodType>(content: Anthropic.ContentBlock[], tool: string, schema: T): Checked<z.output<T>> {
  const input = toolInput(content, tool);
  if (!input.ok) return input;
  const parsed = schema.safeParse(input.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: zodMessage(parsed.error) };
}

const noteSchema = z.object({
  note: text('note', MAX_NOTE_CHARS),
  nothing_wrong: z.boolean().default(false),
  evidence: z.array(z.object({ message_index: z.number().int().min(0).nullable(), quote: z.string().trim().min(1, 'quote must not be empty') })).max(MAX_QUOTES_PER_NOTE, `at most ${MAX_QUOTES_PER_NOTE} quotes`),
});

/**
 * A map answer. `messageTexts` are the texts shown per message index; `feedbackText` the feedback shown (quotes
 * with message_index null cite it). A quote not found where it says is kept and marked unverified.
 */
export function checkNote(content: Anthropic.ContentBlock[], messageTexts: readonly (string | undefined)[], feedbackText: string | null): Checked<ThemeJobOutput> {
  const parsed = parse(content, NOTE_TOOL, noteSchema);
  if (!parsed.ok) return parsed;
  const evidence = parsed.value.evidence.map((e): ThemeEvidence => {
    const quote = unneutralize(e.quote);
    const source = e.message_index === null ? feedbackText : messageTexts[e.message_index];
    const needle = normalizeWhitespace(quote);
    return { messageIndex: e.message_index, quote, verified: source !== undefined && source !== null && needle.length > 0 && normalizeWhitespace(source).includes(needle) };
  });
  return { ok: true, value: { step: 'map', note: unneutralize(parsed.value.note), nothingWrong: parsed.value.nothing_wrong, evidence } };
}

const themesSchema = z.object({
  themes: z
    .array(
      z.object({
        name: text('name', 120),
        description: text('description', 2000),
        inclusion_criteria: text('inclusion_criteria', 2000),
        continues: z.string().trim().nullable().optional(),
        sources: z.array(z.string().trim()).max(2000).default([]),
      }),
    )
    .min(1, 'name at least one theme')
    .max(MAX_THEMES, `at most ${MAX_THEMES} themes`),
});

/** A reduce answer: 1–25 themes with distinct names; `continues` only names an earlier theme that was shown, once. */
export function checkThemes(content: Anthropic.ContentBlock[], existingRefs: readonly string[]): Checked<ThemeJobOutput> {
  const parsed = parse(content, THEMES_TOOL, themesSchema);
  if (!parsed.ok) return parsed;
  const problems: string[] = [];
  const names = new Set<string>();
  const continued = new Set<string>();
  const themes = parsed.value.themes.map((t, i): CandidateTheme => {
    const key = t.name.toLowerCase();
    if (names.has(key)) problems.push(`themes.${i}.name: "${t.name}" is used twice; theme names must differ`);
    names.add(key);
    const continues = t.continues ? t.continues : null;
    if (continues !== null) {
      if (!existingRefs.includes(continues)) problems.push(`themes.${i}.continues: ${continues} is not one of the earlier themes (${existingRefs.join(', ') || 'none were shown'}); use null`);
      else if (continued.has(continues)) problems.push(`themes.${i}.continues: ${continues} is continued by two themes`);
      continued.add(continues);
    }
    return { name: unneutralize(t.name), description: unneutralize(t.description), inclusionCriteria: unneutralize(t.inclusion_criteria), continues, sources: t.sources };
  });
  if (problems.length) return { ok: false, error: problems.join('; ') };
  return { ok: true, value: { step: 'reduce', themes } };
}

const assignSchema = z.object({
  assignments: z.array(z.object({ note: z.string().trim(), theme: z.string().trim(), confidence: z.number().min(0, 'confidence is from 0 to 1').max(1, 'confidence is from 0 to 1') })),
});

/** An assign answer: every note of the chunk exactly once, each to a theme shown or "other". */
export function checkAssignments(content: Anthropic.ContentBlock[], noteRefs: readonly string[], themeRefs: readonly string[]): Checked<ThemeJobOutput> {
  const parsed = parse(content, ASSIGN_TOOL, assignSchema);
  if (!parsed.ok) return parsed;
  const wanted = new Set(noteRefs);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const a of parsed.value.assignments) {
    seen.set(a.note, (seen.get(a.note) ?? 0) + 1);
    if (!wanted.has(a.note)) problems.push(`${a.note} is not one of the notes shown`);
    if (a.theme !== 'other' && !themeRefs.includes(a.theme)) problems.push(`${a.note}: theme ${a.theme} is not one of ${themeRefs.join(', ')} or "other"`);
  }
  const missing = noteRefs.filter((r) => !seen.has(r));
  const repeated = [...seen].filter(([, n]) => n > 1).map(([r]) => r);
  if (missing.length) problems.push(`no assignment for ${missing.join(', ')}`);
  if (repeated.length) problems.push(`${repeated.join(', ')} assigned more than once; assign each note exactly once`);
  if (problems.length) return { ok: false, error: `assignments: ${problems.join('; ')}` };
  return {
    ok: true,
    value: { step: 'assign', assignments: parsed.value.assignments.map((a) => ({ ref: a.note, theme: a.theme === 'other' ? null : a.theme, confidence: a.confidence })) },
  };
}

export interface DraftTrait {
  slug: string;
  title: string;
  polarity: string;
  min: number;
  max: number;
}

const draftSchema = z.object({
  scenarios: z.array(
    z.object({
      title: text('title', 200),
      system_prompt: z.string().trim().max(20_000).nullable(),
      user_turns: z.array(text('user turn', 20_000)).min(1, 'give at least one user turn').max(8, 'at most 8 user turns'),
      good_response: text('good_response', 4000),
      failure_looks_like: text('failure_looks_like', 4000),
      trait: z.string().trim(),
      rubric: text('rubric', 4000),
      fail_threshold: z.number(),
    }),
  ),
});

/** A drafting answer: exactly `n` scenarios, each targeting one of the traits offered, its threshold on that trait's scale. */
export function checkDrafts(content: Anthropic.ContentBlock[], n: number, traits: readonly DraftTrait[]): Checked<ThemeJobOutput> {
  const parsed = parse(content, DRAFT_TOOL, draftSchema);
  if (!parsed.ok) return parsed;
  const problems: string[] = [];
  if (parsed.value.scenarios.length !== n) problems.push(`scenarios: asked for ${n}, got ${parsed.value.scenarios.length}`);
  const scenarios = parsed.value.scenarios.map((s, i): DraftScenario => {
    const trait = traits.find((t) => t.slug === s.trait);
    if (!trait) problems.push(`scenarios.${i}.trait: ${s.trait} is not one of ${traits.map((t) => t.slug).join(', ')}`);
    else if (s.fail_threshold < trait.min || s.fail_threshold > trait.max) problems.push(`scenarios.${i}.fail_threshold: ${s.fail_threshold} is outside ${trait.slug}'s scale ${trait.min}–${trait.max}`);
    return {
      title: unneutralize(s.title),
      systemPrompt: s.system_prompt ? unneutralize(s.system_prompt) : null,
      userTurns: s.user_turns.map(unneutralize),
      goodResponse: unneutralize(s.good_response),
      failureLooksLike: unneutralize(s.failure_looks_like),
      trait: s.trait,
      rubric: unneutralize(s.rubric),
      failThreshold: s.fail_threshold,
    };
  });
  if (problems.length) return { ok: false, error: problems.join('; ') };
  return { ok: true, value: { step: 'draft', scenarios } };
}
