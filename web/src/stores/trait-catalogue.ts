import { createResource, createRoot, type Resource } from 'solid-js';
import { listTraits, type Trait } from '../api/client.ts';
import { identityFromSlug, traitLabel, type ScoreSource, type TraitIdentityLike, type TraitLabel } from '../lib/trait-label.ts';

/**
 * Every trait's identity (GET /traits), shared by all the pages of a visit: the rubric version a label names
 * is only in that list. UI memory like stores/last-list.ts; a page that opens after a minute asks again, so an
 * upload's new traits show up.
 */
const FRESH_MS = 60_000;

let list: { resource: Resource<Trait[]>; refetch: () => void; at: number } | undefined;

function catalogue() {
  if (!list) {
    // Owned by its own root: it outlives the page that first asked for it.
    list = createRoot(() => {
      // Labels still render, from what each page knows, when the list cannot be had.
      const [resource, { refetch }] = createResource(() => listTraits().catch((): Trait[] => []));
      return { resource, refetch: () => void refetch(), at: Date.now() };
    });
  }
  return list;
}

export function identityOf(traits: readonly Trait[], slug: string): TraitIdentityLike | undefined {
  const t = traits.find((x) => x.slug === slug);
  return t && { slug: t.slug, title: t.title, source: t.source, scale: t.scale, unit: t.unit, rubricHash: t.currentRubricVersion?.contentHash ?? null, rubricVersions: t.versionCount };
}

export interface LabelOptions {
  /** What the page already knows of the trait (a stats answer carries its identity, without the rubric version). */
  known?: TraitIdentityLike | undefined;
  scoreSource?: ScoreSource | undefined;
  categories?: readonly string[];
  pairwise?: boolean;
}

export const traitCatalogue = {
  /** Every trait, once loaded (empty before, or when the list failed). */
  all: (): readonly Trait[] => catalogue().resource.latest ?? [],
  ready: (): boolean => catalogue().resource.state === 'ready',
  identity(slug: string, known?: TraitIdentityLike): TraitIdentityLike {
    const found = identityOf(traitCatalogue.all(), slug);
    return found ?? known ?? identityFromSlug(slug);
  },
  label(slug: string, options: LabelOptions = {}): TraitLabel {
    return traitLabel(traitCatalogue.identity(slug, options.known), { scoreSource: options.scoreSource, categories: options.categories, pairwise: options.pairwise });
  },
};

/** For a page: the shared list, asked for again when it is older than a minute. */
export function useTraitCatalogue(): typeof traitCatalogue {
  const current = catalogue();
  if (Date.now() - current.at > FRESH_MS) {
    current.at = Date.now();
    current.refetch();
  }
  return traitCatalogue;
}

/** After an upload or the demo load: new traits may have arrived. */
export function refreshTraitCatalogue(): void {
  const current = catalogue();
  current.at = Date.now();
  current.refetch();
}
