/** The step-key rule on its own: the editor keys run results with it and needs no Workflow for that. */

/** The cache key of a step: its id when it has one (so reordering keeps the cache), else its index. */
export function stepKeyOf(step: { readonly id?: string | undefined }, index: number): string {
  return step.id ?? String(index);
}
