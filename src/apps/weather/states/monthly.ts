import { SqliteState, State } from '../../../engine';

export interface MonthlyStateOptions {
  fromYear?: number;
  toYear?: number;
  /** Allow a rerun to post over slots the state already holds. Defaults to false. */
  mutable?: boolean;
}

function slots(options: MonthlyStateOptions): Record<string, unknown> {
  return { dataset: 'seattle-weather', fromYear: options.fromYear ?? 2012, toYear: options.toYear ?? 2015 };
}

/** A fresh state for the monthly pipeline: the Seattle dataset, years 2012–2015 by default. */
export function create(options: MonthlyStateOptions = {}): State {
  return new State(slots(options), { mutable: options.mutable ?? false });
}

/** Only the last year of the dataset. */
export function lastYear(): State {
  return create({ fromYear: 2015, toYear: 2015 });
}

export function mutable(): State {
  return create({ mutable: true });
}

/** The default kept in SQLite. */
export function sqlite(options: MonthlyStateOptions = {}): Promise<SqliteState> {
  return SqliteState.open(slots(options), { mutable: options.mutable ?? false });
}
