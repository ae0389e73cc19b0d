/**
 * A row's tags in a fixed space: the first few as chips and the rest as one "+n" chip whose tooltip names
 * them, so a transcript with five tags neither wraps the row nor hides that it has more.
 */
export function visibleTags(tags: readonly string[], max: number): { shown: string[]; hidden: string[] } {
  // Even one more is folded: the room is fixed, and a second long tag would only be cut off mid-word.
  if (tags.length <= max) return { shown: [...tags], hidden: [] };
  return { shown: tags.slice(0, max), hidden: tags.slice(max) };
}
