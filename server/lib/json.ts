/**
 * Deeper nesting than any transcript needs. Validation (zod), hashing and storing (JSON.stringify) all
 * recurse, so a hostile document nested thousands deep would overflow the stack; it is refused first.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` arrays and objects. Iterative: safe at any depth. */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const next = stack.pop();
    if (!next) break;
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * JSON.parse that reports excessive nesting as a parse problem instead of a stack overflow later. V8's own
 * parser is iterative, so a deep document parses; the check runs on the result.
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (nestsDeeperThan(value)) throw new SyntaxError(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}
