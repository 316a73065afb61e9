/** Fresh ids and names that do not clash with those already taken. */

export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `wf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** An id not yet used: `base`, `base-2`, … (never all digits: digits mean step indices). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/(.)-\d+$/, '$1') || 'node';
  const root = /^\d+$/.test(clean) ? `n${clean}` : clean;
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

export function uniqueLabel(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  // "Component 1" again is "Component 1 (2)": "Component 1 2" would read as one number.
  const numbered = (n: number) => (/\d$/.test(base) ? `${base} (${n})` : `${base} ${n}`);
  for (let n = 2; ; n++) if (!taken.has(numbered(n))) return numbered(n);
}

/** The name itself when no workflow has it, else "<name> (imported)", then "<name> (2)", "<name> (3)", … */
export function freeWorkflowName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  if (!names.has(`${name} (imported)`)) return `${name} (imported)`;
  for (let n = 2; ; n++) if (!names.has(`${name} (${n})`)) return `${name} (${n})`;
}
