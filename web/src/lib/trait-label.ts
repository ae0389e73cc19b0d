/**
 * One way to name a trait, used by every page, column, filter, chart and export: its title, where it comes
 * from (a charlens rubric and its version, Spiral-Bench, MT-Bench, an Inspect scorer, …) and its scale. Two
 * traits may share a title — charlens's `pushback` rubric and Spiral-Bench's `spiral.pushback` are different
 * measurements on different scales — so a title alone is never enough.
 */

export type TraitScaleLike =
  | { kind: 'numeric'; min: number; max: number }
  | { kind: 'categorical'; categories: string[] }
  | { kind: 'boolean' }
  | null;

export interface TraitIdentityLike {
  slug: string;
  title: string;
  /** `rubric`, or the importer that created the trait (`spiral`, `mtbench`, `inspect`, `hh-rlhf`, `native`, …). */
  source: string;
  scale: TraitScaleLike;
  unit: string;
  /** Content hash of the rubric version the judge uses now (GET /traits), for rubric traits. */
  rubricHash?: string | null | undefined;
  /** Rubric versions stored; every number pools the scores of all of them. */
  rubricVersions?: number | undefined;
}

export type ScoreSource = 'judge' | 'human' | 'import';

export interface TraitLabel {
  title: string;
  /** Where the trait comes from: `charlens rubric @25c21a5`, `Spiral-Bench`. */
  origin: string;
  /** `1–5`, `0–∞ per chunk`, `C/I`. */
  scale: string;
  /** Whose scores, when a row or a chart keeps one source: `imported scores`. */
  scoreSource: string | null;
  /** Everything above in one line, for options, tooltips, exports and aria labels. */
  text: string;
  /** Title and origin: for narrow places (a mark beside a turn) where the scale is shown elsewhere. */
  short: string;
}

const ORIGINS: Record<string, string> = {
  rubric: 'charlens rubric',
  spiral: 'Spiral-Bench',
  mtbench: 'MT-Bench',
  inspect: 'Inspect scorer',
  'hh-rlhf': 'hh-rlhf',
  native: 'NDJSON upload',
  anthropic: 'Anthropic export',
  openai: 'OpenAI export',
  'chat-jsonl': 'chat JSONL',
  unknown: 'origin unknown',
};

const SCORE_SOURCES: Record<ScoreSource, string> = { judge: 'Claude judge', human: 'human labels', import: 'imported scores' };

/** What a trait known only by its slug has for source and unit. */
const UNKNOWN = 'unknown';

/** Short enough to read, long enough to tell versions apart (git's default abbreviation). */
const HASH_CHARS = 7;

export function scoreSourceText(source: ScoreSource): string {
  return SCORE_SOURCES[source];
}

export function traitOrigin(trait: Pick<TraitIdentityLike, 'source' | 'rubricHash'>): string {
  const name = ORIGINS[trait.source] ?? trait.source;
  return trait.source === 'rubric' && trait.rubricHash ? `${name} @${trait.rubricHash.slice(0, HASH_CHARS)}` : name;
}

function number(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The scale as people read it. Spiral-Bench chunk criteria have none: each chunk's value is a sum of incident
 * strengths (1–3 each), unbounded, and a transcript's value is the mean over its chunks.
 * `categories` are the ones seen in the data, for traits whose source declared no scale (Inspect's C/I).
 */
export function scaleText(trait: Pick<TraitIdentityLike, 'scale' | 'unit' | 'source'>, categories: readonly string[] = [], pairwise = false): string {
  const scale = trait.scale;
  const perRange = trait.unit === 'turns' ? ' per turn range' : '';
  if (scale?.kind === 'numeric') return `${number(scale.min)}–${number(scale.max)}${perRange}`;
  if (scale?.kind === 'categorical') return scale.categories.join('/');
  if (scale?.kind === 'boolean') return 'yes/no';
  if (trait.unit === UNKNOWN) return 'scale unknown';
  if (trait.source === 'spiral' && trait.unit === 'turns') return '0–∞ per chunk';
  if (categories.length) return [...categories].sort().join('/');
  if (pairwise) return 'A/B/tie verdicts';
  return `no fixed scale${perRange}`;
}

/** The title without a trailing `(Spiral-Bench)` when the origin says it already. */
function titleWithoutOrigin(title: string, origin: string): string {
  const suffix = ` (${origin})`;
  return title.toLowerCase().endsWith(suffix.toLowerCase()) ? title.slice(0, -suffix.length) : title;
}

/** `pairwise`: the trait is read as verdicts between two transcripts (MT-Bench pairs, hh-rlhf), not as scores. */
export function traitLabel(trait: TraitIdentityLike, options: { categories?: readonly string[]; scoreSource?: ScoreSource | undefined; pairwise?: boolean } = {}): TraitLabel {
  const origin = traitOrigin(trait);
  const title = titleWithoutOrigin(trait.title, ORIGINS[trait.source] ?? trait.source);
  const scale = scaleText(trait, options.categories, options.pairwise);
  const scoreSource = options.scoreSource ? scoreSourceText(options.scoreSource) : null;
  return {
    title,
    origin,
    scale,
    scoreSource,
    text: [title, origin, scale, scoreSource].filter(Boolean).join(' · '),
    short: `${title} · ${origin}`,
  };
}

/**
 * Labels for a set of traits shown together, none alike: where two traits would still read the same (two
 * importers' slugs that make the same title), each gets its slug in brackets.
 */
export function distinctTraitLabels<T extends { trait: TraitIdentityLike; scoreSource?: ScoreSource | undefined }>(items: readonly T[]): TraitLabel[] {
  const labels = items.map((i) => traitLabel(i.trait, { scoreSource: i.scoreSource }));
  const seen = new Map<string, Set<string>>();
  labels.forEach((l, i) => {
    const slugs = seen.get(l.text) ?? new Set<string>();
    slugs.add(items[i]?.trait.slug ?? '');
    seen.set(l.text, slugs);
  });
  return labels.map((l, i) => {
    if ((seen.get(l.text)?.size ?? 0) < 2) return l;
    const slug = items[i]?.trait.slug ?? '';
    const title = `${l.title} [${slug}]`;
    return { ...l, title, text: [title, l.origin, l.scale, l.scoreSource].filter(Boolean).join(' · '), short: `${title} · ${l.origin}` };
  });
}

/**
 * A trait known only by its slug (the trait list failed to load, or lacks it): the slug stands in for the
 * title, and the label says plainly that origin and scale are unknown rather than guessing them.
 */
export function identityFromSlug(slug: string, title?: string): TraitIdentityLike {
  return { slug, title: title ?? slug, source: slug.startsWith('spiral.') ? 'spiral' : UNKNOWN, scale: null, unit: UNKNOWN };
}
