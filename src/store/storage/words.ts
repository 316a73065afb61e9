/** The Storage view's words: what a clearing removes, and sizes as a person reads them. */

/** What the person may clear: one step's cache entries, a workflow's, or every workflow's. */
export type ClearTarget =
  | { kind: 'step'; workflowId: string; stepKey: string; label: string; workflowName: string }
  | { kind: 'workflow'; workflowId: string; name: string }
  | { kind: 'all' };

export function clearQuestion(target: ClearTarget): string {
  switch (target.kind) {
    case 'step':
      return `Clear the cache of step “${target.label}” in “${target.workflowName}”? It runs again on the next Run.`;
    case 'workflow':
      return `Clear every cached step of “${target.name}”? They all run again on the next Run.`;
    case 'all':
      return 'Clear the cache of every workflow? Every step runs again on its next Run. Run history and saved work stay.';
  }
}

const UNITS: [name: string, bytes: number][] = [
  ['GB', 1024 ** 3],
  ['MB', 1024 ** 2],
  ['KB', 1024],
];

/** A size in the largest unit it has one of, e.g. "1.5 MB", "312 KB", "800 bytes". */
export function humanBytes(bytes: number): string {
  for (const [name, size] of UNITS) {
    if (bytes >= size) {
      const amount = bytes / size;
      return `${amount >= 100 ? Math.round(amount) : Number(amount.toFixed(1))} ${name}`;
    }
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/**
 * Reads a size a person typed ("500 MB", "2gb", "64 KB", "1.5 GB", "4096"): bytes, or null when it is
 * not a size. A bare number counts as megabytes, the unit the field suggests.
 */
export function parseBytes(text: string): number | null {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(bytes?|b|kb?|mb?|gb?)?\s*$/i.exec(text);
  if (!match) return null;
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const unit = (match[2] ?? 'mb').toLowerCase()[0];
  const scale = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  return Math.round(amount * scale);
}

/** When something was last used, as a person says it: "just now", "5 min ago", "3 h ago", else the date. */
export function usedAgo(at: number | null, now: number): string {
  if (at === null) return 'not recorded';
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(at).toLocaleDateString();
}
