import { SqliteState, State } from '../../../engine';

export interface XykStateOptions {
  x?: number;
  y?: number;
  k?: number;
  /** Allow a rerun to post over slots the state already holds. Defaults to false. */
  mutable?: boolean;
}

const DEFAULTS = { x: 1, y: 2, k: 3 } as const;

function slots(options: XykStateOptions): Record<string, number> {
  return { x: options.x ?? DEFAULTS.x, y: options.y ?? DEFAULTS.y, k: options.k ?? DEFAULTS.k };
}

/** A fresh in-memory state holding x, y and k (defaults 1, 2, 3). */
export function create(options: XykStateOptions = {}): State {
  return new State(slots(options), { mutable: options.mutable ?? false });
}

/** The named default: x = 1, y = 2, k = 3, immutable, so `(1 + 2) * 3 = 9`. */
export function standard(): State {
  return create();
}

/** The same default, mutable, for reruns that re-post into one state. */
export function mutable(): State {
  return create({ mutable: true });
}

/** The default kept in SQLite (pyswark's StateWithGlueDb). */
export function sqlite(options: XykStateOptions = {}): Promise<SqliteState> {
  return SqliteState.open(slots(options), { mutable: options.mutable ?? false });
}
