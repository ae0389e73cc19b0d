/** A schema problem as zod and every Standard Schema validator report it. */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Each issue as `{ field, message }`, the field a dotted path (`messages.3.content`) under an optional prefix. */
export function fieldProblems(issues: readonly SchemaIssue[], prefix?: string): FieldProblem[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
    return { field: [prefix, ...path].filter((p) => p !== undefined && p !== '').join('.'), message: issue.message };
  });
}

/** The one readable line for a schema failure: `field: reason; field: reason` (the first `max` issues). */
export function describeIssues(issues: readonly SchemaIssue[], prefix?: string, max = 5): string {
  return fieldProblems(issues.slice(0, max), prefix)
    .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
    .join('; ');
}
