/**
 * One colour per trait on a page, the same in the lanes, the marks beside turns, the evidence highlights and
 * the legend. It names *which* trait, nothing else: better and worse keep their own rule
 * (`comparison-tone.ts`, blue and orange), so these hues avoid that pair and carry no judgement.
 * Colour is never the only cue: every mark and highlight also names its trait in words (text or tooltip).
 */

/** Hues told apart at a glance on a light page (drawn from Tableau 10 and Okabe–Ito, minus blue and orange). */
export const TRAIT_COLOUR_COUNT = 8;

/**
 * A colour slot per trait: the traits in slug order, so one set of traits gets the same colours wherever it is
 * shown together. Past eight traits the slots repeat, and the words beside each colour tell them apart.
 */
export function traitColourSlots(slugs: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(slugs)].sort((a, b) => a.localeCompare(b));
  return new Map(sorted.map((slug, i) => [slug, i % TRAIT_COLOUR_COUNT]));
}

/** The class that carries a slot's colours (`trait-c3`); styles in components/trait-colour.css. */
export function traitColourClass(slots: ReadonlyMap<string, number>, slug: string): string {
  return `trait-c${slots.get(slug) ?? 0}`;
}
