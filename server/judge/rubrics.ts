import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { rubricVersions, traits, type Json, type TraitScale } from '../../db/schema/index.ts';
import { sha256 } from '../lib/hash.ts';

export interface NumericRubricScale {
  kind: 'numeric';
  min: number;
  max: number;
  anchors: Record<string, string>;
}

/**
 * Named categories, each with its description (in file order). `thinking` says, for a category that states
 * whether the model thought, which it must be: a judge answer that contradicts the transcript is invalid.
 */
export interface CategoricalRubricScale {
  kind: 'categorical';
  categories: Record<string, string>;
  thinking?: Record<string, 'present' | 'absent'> | undefined;
}

/**
 * What the judge sees of thinking blocks: `shown` (their text), `hidden` (nothing; what the user saw), or
 * `length` (per assistant message, whether it thought and how much, never the content).
 */
export type ThinkingView = 'shown' | 'hidden' | 'length';

/** What the judge and the labelers read: a rubric file's front matter, checked, with its body and version. */
export interface Rubric {
  slug: string;
  title: string;
  polarity: 'higher_is_better' | 'lower_is_better' | 'neutral';
  unit: 'transcript' | 'assistant_turn';
  thinking: ThinkingView;
  scale: NumericRubricScale | CategoricalRubricScale;
  notApplicableWhen: string;
  body: string;
  /** sha256 of the whole file (line endings normalized): the rubric version. */
  contentHash: string;
  frontMatter: { [key: string]: Json };
}

/** A rubric as stored: the version row that scores name. */
export interface SyncedRubric extends Rubric {
  traitId: string;
  rubricVersionId: string;
}

export class RubricError extends Error {
  readonly problems: { file: string; field: string; message: string }[];
  constructor(problems: { file: string; field: string; message: string }[]) {
    super(`Invalid rubrics:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

const nonEmpty = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);

const frontMatterSchema = z
  .strictObject({
    id: z.string({ error: 'id is required' }).regex(/^[a-z][a-z0-9_]{0,63}$/, 'id must be a lower-case slug (a-z, 0-9, _)'),
    title: nonEmpty('title'),
    polarity: z.enum(['higher_is_better', 'lower_is_better', 'neutral'], { error: 'polarity must be higher_is_better, lower_is_better or neutral' }),
    unit: z.enum(['transcript', 'assistant_turn'], { error: 'unit must be transcript or assistant_turn' }),
    sees_thinking: z.union([z.boolean(), z.literal('length')], { error: 'sees_thinking must be true, false or length' }),
    scale: z.discriminatedUnion(
      'kind',
      [
        z.strictObject({
          kind: z.literal('numeric'),
          min: z.number().int('scale.min must be an integer'),
          max: z.number().int('scale.max must be an integer'),
          anchors: z.record(z.string(), nonEmpty('an anchor')),
        }),
        z.strictObject({
          kind: z.literal('categorical'),
          categories: z.record(z.string(), nonEmpty('a category description')),
          thinking: z.record(z.string(), z.enum(['present', 'absent'], { error: 'thinking of a category must be present or absent' })).optional(),
        }),
      ],
      { error: 'scale.kind must be numeric or categorical' },
    ),
    not_applicable_when: nonEmpty('not_applicable_when'),
  })
  .superRefine((fm, ctx) => {
    if (fm.scale.kind === 'categorical') {
      const names = Object.keys(fm.scale.categories);
      if (names.length < 2) ctx.addIssue({ code: 'custom', path: ['scale', 'categories'], message: 'a categorical scale needs at least two categories' });
      for (const name of names) {
        if (!/^[a-z][a-z0-9_-]{0,63}$/.test(name)) ctx.addIssue({ code: 'custom', path: ['scale', 'categories', name], message: `category "${name}" must be a lower-case slug (a-z, 0-9, _ or -)` });
      }
      for (const key of Object.keys(fm.scale.thinking ?? {})) {
        if (!names.includes(key)) ctx.addIssue({ code: 'custom', path: ['scale', 'thinking', key], message: `${key} is not a category of the scale` });
      }
      return;
    }
    const { min, max, anchors } = fm.scale;
    // The issue and RUBRICS.md allow 1–5 or 1–10; every level needs its own observable description.
    if (min !== 1 || (max !== 5 && max !== 10)) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: `scale must be 1–5 or 1–10, not ${min}–${max}` });
      return;
    }
    for (let level = min; level <= max; level++) {
      if (anchors[String(level)] === undefined) ctx.addIssue({ code: 'custom', path: ['scale', 'anchors', String(level)], message: `no anchor for level ${level}` });
    }
    for (const key of Object.keys(anchors)) {
      const level = Number(key);
      if (!Number.isInteger(level) || level < min || level > max) {
        ctx.addIssue({ code: 'custom', path: ['scale', 'anchors', key], message: `anchor ${key} is outside the scale ${min}–${max}` });
      }
    }
  });

/** The body sections RUBRICS.md asks every rubric for, as `## ` headings. */
export const REQUIRED_SECTIONS = ['Definition', 'What counts', 'What does not count', 'Near-misses', 'Examples'];

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/;

/** Parses one rubric file's text. Problems name the file and the field; nothing throws but the caller. */
export function parseRubric(file: string, rawText: string): { rubric: Rubric } | { problems: { file: string; field: string; message: string }[] } {
  const text = rawText.replace(/\r\n?/g, '\n');
  const problem = (field: string, message: string) => ({ problems: [{ file, field, message }] });
  const match = FRONT_MATTER.exec(text);
  if (!match) return problem('front matter', 'the file must start with YAML front matter between two `---` lines');
  const doc = parseDocument(match[1] ?? '', { uniqueKeys: true });
  if (doc.errors.length) return problem('front matter', doc.errors.map((e) => e.message.split('\n')[0]).join('; '));
  const data: unknown = doc.toJS();
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ file, field: i.path.join('.') || 'front matter', message: i.message })) };
  }
  const fm = parsed.data;
  const body = (match[2] ?? '').trim();
  const headings = new Set([...body.matchAll(/^## +(.+?)\s*$/gm)].map((m) => m[1]));
  const missing = REQUIRED_SECTIONS.filter((s) => !headings.has(s));
  if (missing.length) return problem('body', `missing section${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"## ${s}"`).join(', ')}`);
  const stem = basename(file).replace(/\.md$/, '');
  if (stem !== fm.id) return problem('id', `id "${fm.id}" must match the file name (${stem}.md)`);
  return {
    rubric: {
      slug: fm.id,
      title: fm.title,
      polarity: fm.polarity,
      unit: fm.unit,
      thinking: thinkingView(fm.sees_thinking),
      scale: fm.scale,
      notApplicableWhen: fm.not_applicable_when,
      body,
      contentHash: sha256(text),
      frontMatter: toJson(data),
    },
  };
}

/** Reads every `*.md` in `dir`; throws one RubricError naming every bad file and field. */
export async function loadRubrics(dir: string): Promise<Rubric[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const rubrics: Rubric[] = [];
  const problems: { file: string; field: string; message: string }[] = [];
  for (const name of files) {
    const result = parseRubric(name, await readFile(join(dir, name), 'utf8'));
    if ('problems' in result) problems.push(...result.problems);
    else rubrics.push(result.rubric);
  }
  if (problems.length) throw new RubricError(problems);
  return rubrics;
}

/**
 * Makes the database agree with the rubric files: each rubric's trait is created or updated (and becomes a
 * `rubric` trait even if an import created it first), and its text is stored as a version unless that exact
 * text is already stored. Old versions stay, so every score keeps naming the text it was judged by.
 */
export async function syncRubrics(database: Database, dir: string): Promise<SyncedRubric[]> {
  const rubrics = await loadRubrics(dir);
  return database.write((db) =>
    db.transaction(async (tx) => {
      const synced: SyncedRubric[] = [];
      const now = Date.now();
      for (const r of rubrics) {
        const definition = {
          title: r.title,
          polarity: r.polarity,
          scale: traitScale(r.scale),
          unit: r.unit === 'assistant_turn' ? ('turns' as const) : ('transcript' as const),
          source: 'rubric',
        };
        await tx
          .insert(traits)
          .values({ id: newId(), slug: r.slug, createdAt: now, ...definition })
          .onConflictDoUpdate({ target: traits.slug, set: definition });
        const [trait] = await tx.select({ id: traits.id }).from(traits).where(eq(traits.slug, r.slug));
        if (!trait) throw new Error(`trait ${r.slug} vanished inside its own transaction`);
        await tx
          .insert(rubricVersions)
          .values({ id: newId(), traitId: trait.id, contentHash: r.contentHash, frontMatter: r.frontMatter, body: r.body, createdAt: now })
          .onConflictDoNothing();
        const [version] = await tx
          .select({ id: rubricVersions.id })
          .from(rubricVersions)
          .where(and(eq(rubricVersions.traitId, trait.id), eq(rubricVersions.contentHash, r.contentHash)));
        if (!version) throw new Error(`rubric version of ${r.slug} vanished inside its own transaction`);
        synced.push({ ...r, traitId: trait.id, rubricVersionId: version.id });
      }
      return synced;
    }),
  );
}

/** Rebuilds a rubric from a stored version, so a job judged later uses exactly the text its run named. */
export function rubricFromVersion(version: { contentHash: string; frontMatter: { [key: string]: Json }; body: string }): Rubric {
  const parsed = frontMatterSchema.parse(version.frontMatter);
  return {
    slug: parsed.id,
    title: parsed.title,
    polarity: parsed.polarity,
    unit: parsed.unit,
    thinking: thinkingView(parsed.sees_thinking),
    scale: parsed.scale,
    notApplicableWhen: parsed.not_applicable_when,
    body: version.body,
    contentHash: version.contentHash,
    frontMatter: version.frontMatter,
  };
}

function thinkingView(seesThinking: boolean | 'length'): ThinkingView {
  return seesThinking === 'length' ? 'length' : seesThinking ? 'shown' : 'hidden';
}

/** The scale as the trait stores it (every page and the labelers read it there). */
function traitScale(scale: Rubric['scale']): TraitScale {
  return scale.kind === 'numeric'
    ? { kind: 'numeric', min: scale.min, max: scale.max, anchors: scale.anchors }
    : { kind: 'categorical', categories: Object.keys(scale.categories) };
}

/** YAML gives plain data; this keeps only JSON values (dates and the like become strings). */
function toJson(value: unknown): { [key: string]: Json } {
  const json: unknown = JSON.parse(JSON.stringify(value));
  return isJsonObject(json) ? json : {};
}

function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
