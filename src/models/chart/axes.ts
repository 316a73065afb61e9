/**
 * How a chart's axes follow its columns (pure, so it is tested without a DOM): text gives an
 * ordinal axis with the categories in the order of the rows (a sorted table, a sorted chart);
 * dates give a time axis, numbers a linear one. Ordinal labels that would overlap are rotated,
 * and thinned out when even rotated they would not fit.
 */

export type AxisKind = 'ordinal' | 'time' | 'linear';

/** The axis a column's values call for: time for dates, linear for numbers, ordinal for anything else. */
export function axisKind(values: readonly unknown[]): AxisKind {
  let kind: AxisKind | null = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const here: AxisKind = value instanceof Date ? 'time' : typeof value === 'number' ? 'linear' : 'ordinal';
    if (kind !== null && kind !== here) return 'ordinal';
    kind = here;
  }
  return kind ?? 'ordinal';
}

/** The distinct values in the order the rows first show them (empty cells left out). */
export function rowOrder(values: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  for (const value of values) if (value !== null && value !== undefined) seen.add(value);
  return [...seen];
}

/** Plot's tick labels: 10 px sans-serif; this is a generous width per character. */
const CHAR_PX = 6.2;
/** Room between two labels side by side; labels turned 45° this far apart are a line height (12 px) apart across their slant. */
const GAP_PX = 8;
const ROTATED_PITCH_PX = 18;
const LINE_PX = 12;

export interface OrdinalAxis {
  /** The categories that get a label (every one, or every k-th). */
  ticks: unknown[];
  /** Degrees to turn the labels (0 or -45). */
  rotate: number;
  /** Room below the plot the labels need (px). */
  margin: number;
}

const labelOf = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** Every `step`-th category, from the first. */
const everyNth = (domain: readonly unknown[], step: number) => domain.filter((_, i) => i % step === 0);

/**
 * Labels for a horizontal ordinal axis of `domain` across `span` px: all of them flat when they fit;
 * else rotated 45°, as many as fit at one per `ROTATED_PITCH_PX`; unless flat labels with fewer
 * left out would show at least half as many.
 */
export function horizontalOrdinalAxis(domain: readonly unknown[], span: number): OrdinalAxis {
  const widest = Math.max(0, ...domain.map((value) => labelOf(value).length)) * CHAR_PX;
  const step = span / Math.max(1, domain.length);
  const flatEvery = Math.ceil((widest + GAP_PX) / step);
  if (flatEvery <= 1) return { ticks: [...domain], rotate: 0, margin: 30 };
  const rotatedEvery = Math.ceil(ROTATED_PITCH_PX / step);
  if (flatEvery <= 2 * rotatedEvery) return { ticks: everyNth(domain, flatEvery), rotate: 0, margin: 30 };
  return { ticks: everyNth(domain, rotatedEvery), rotate: -45, margin: Math.ceil(widest * Math.SQRT1_2) + 28 };
}

/** Labels for a vertical ordinal axis of `domain` across `span` px: one per line height at most. */
export function verticalOrdinalTicks(domain: readonly unknown[], span: number): unknown[] {
  const step = span / Math.max(1, domain.length);
  return everyNth(domain, Math.max(1, Math.ceil(LINE_PX / step)));
}

const DAY_MS = 86_400_000;

/**
 * The calendar interval every date sits at the start of (`year`, `month`, `day`), for bars that
 * span it; null when some date has a time of day (bars are then centred on their dates).
 */
export function dateInterval(dates: readonly Date[]): 'year' | 'month' | 'day' | null {
  if (!dates.length || dates.some((date) => date.getTime() % DAY_MS !== 0)) return null;
  if (dates.every((date) => date.getUTCDate() === 1 && date.getUTCMonth() === 0)) return 'year';
  if (dates.every((date) => date.getUTCDate() === 1)) return 'month';
  return 'day';
}

/** The smallest gap between distinct values (the width of a bar centred on each); 1 when there is one value. */
export function smallestGap(values: readonly number[]): number {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, (sorted[i] as number) - (sorted[i - 1] as number));
  return Number.isFinite(gap) ? gap : 1;
}

/** Marks whose height is a number: with text or dates on y, Plot draws none of them, and says nothing. */
const NEEDS_NUMBERS_ON_Y = { bar: 'a bar chart', area: 'an area chart' } as const;

/**
 * Why a chart draws nothing, in words, or null: a bar or area chart whose y column holds no
 * numbers (e.g. a SQL CASE giving 'hot' or a number as text), or a y column with no values at all.
 */
export function whyNothingIsDrawn(mark: string, y: string, values: readonly unknown[]): string | null {
  if (!values.length) return 'the table has no rows, so there is nothing to draw';
  const present = values.filter((value) => value !== null && value !== undefined);
  if (!present.length) return `y (\`${y}\`) has no values in any row, so there is nothing to draw`;
  if (!Object.hasOwn(NEEDS_NUMBERS_ON_Y, mark)) return null;
  const chart = NEEDS_NUMBERS_ON_Y[mark as keyof typeof NEEDS_NUMBERS_ON_Y];
  const kind = axisKind(present);
  if (kind === 'linear') return null;
  const texts = present.filter((value) => typeof value === 'string') as string[];
  const numbersAsText = texts.filter((text) => text.trim() !== '' && !Number.isNaN(Number(text))).length;
  const what = kind === 'time' ? 'dates' : present.some((value) => typeof value === 'number') ? 'text as well as numbers' : 'text';
  const example = texts.find((text) => text.trim() === '' || Number.isNaN(Number(text)));
  const hint =
    numbersAsText > 0
      ? ` (${numbersAsText.toLocaleString('en')} of its ${present.length.toLocaleString('en')} values ${numbersAsText === 1 ? 'is a number' : 'are numbers'} written as text${example === undefined ? '' : `, others like "${example}" are not`}): make it a number column, e.g. CAST(… AS REAL) in SQL or Number(${y}) in a derive`
      : ': choose a column of numbers for y, or a point chart to place text';
  return `y (\`${y}\`) is ${what}: ${chart} needs numbers on y, so nothing is drawn${hint}`;
}
