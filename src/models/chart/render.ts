/**
 * Draws a chart value with Observable Plot, loaded on first use. For the run panel:
 * `container.append((await renderChart(chart, document)).element)`. Works with any DOM `Document`
 * (the page, or a test DOM).
 *
 * The axes follow the columns (`axes.ts`): text on an ordinal axis in the order of the rows, dates
 * on a time axis, numbers on a linear one; ordinal labels never overlap. What Plot would only log
 * to the console ("Please check the console") comes back as `warnings`, and the ⚠ it draws says it.
 */
import type { ChartValue } from './chartValue';
import { cellText } from '../table/cellText';
import { axisKind, dateInterval, horizontalOrdinalAxis, rowOrder, smallestGap, verticalOrdinalTicks, whyNothingIsDrawn, type AxisKind } from './axes';

type Plot = typeof import('@observablehq/plot');

const ACCENT = '#4269d0';
/** Plot's own defaults, for the size of the plotting area. */
const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 400;
const SIDE_MARGINS = 60;
const TOP_BOTTOM_MARGINS = 50;

export interface RenderOptions {
  width?: number;
  height?: number;
}

export interface RenderedChart {
  element: HTMLElement | SVGSVGElement;
  /** Plot's warnings for this chart, in its words (empty when it had none). */
  warnings: string[];
}

const columnOf = (chart: ChartValue, name: string) => chart.data.map((row) => (Object.hasOwn(row, name) ? row[name] : undefined));

/** The x scale's options, and the room its labels need below the plot when they are rotated. */
function xAxis(chart: ChartValue, kind: AxisKind, width: number): { scale: Record<string, unknown>; marginBottom?: number } {
  if (kind !== 'ordinal') return { scale: { type: kind === 'time' ? 'utc' : 'linear' } };
  const domain = rowOrder(columnOf(chart, chart.x));
  const axis = horizontalOrdinalAxis(domain, width - SIDE_MARGINS);
  // Turned labels reach further down: the axis's name goes below them.
  const scale = {
    type: chart.mark === 'bar' ? 'band' : 'point',
    domain,
    ticks: axis.ticks,
    tickRotate: axis.rotate,
    ...(axis.rotate ? { labelOffset: axis.margin - 4 } : {}),
  };
  return axis.rotate ? { scale, marginBottom: axis.margin } : { scale };
}

/** A mark's hover text: the category as the viewer writes it, the value in full. */
const hoverText = (chart: ChartValue) => (row: Record<string, unknown>) => `${cellText(row[chart.x])}: ${String(row[chart.y])}`;

function yAxis(chart: ChartValue, kind: AxisKind, height: number): Record<string, unknown> {
  if (kind !== 'ordinal') return { type: kind === 'time' ? 'utc' : 'linear' };
  const domain = rowOrder(columnOf(chart, chart.y));
  return { type: 'point', domain, ticks: verticalOrdinalTicks(domain, height - TOP_BOTTOM_MARGINS) };
}

/** Bars over a time or number axis span their interval (a month, a day, the gap between values) rather than a band. */
function barMark(Plot: Plot, chart: ChartValue, kind: AxisKind, paint: string) {
  const channels = { y: chart.y, fill: paint, title: hoverText(chart) };
  if (kind === 'ordinal') return Plot.barY(chart.data, { x: chart.x, ...channels });
  const xs = columnOf(chart, chart.x);
  if (kind === 'time') {
    const interval = dateInterval(xs.filter((value): value is Date => value instanceof Date));
    if (interval) return Plot.rectY(chart.data, { x: chart.x, interval, inset: 0.5, ...channels });
  }
  const half = smallestGap(xs.map((value) => (value instanceof Date ? value.getTime() : (value as number)))) * 0.45;
  const at = (row: Record<string, unknown>, shift: number) => {
    const value = row[chart.x];
    return value instanceof Date ? new Date(value.getTime() + shift) : (value as number) + shift;
  };
  return Plot.rectY(chart.data, { x1: (row: Record<string, unknown>) => at(row, -half), x2: (row: Record<string, unknown>) => at(row, half), ...channels });
}

function markOf(Plot: Plot, chart: ChartValue, xKind: AxisKind) {
  // Without a colour column, marks use one accent colour rather than Plot's black.
  const paint = chart.color ?? ACCENT;
  if (chart.mark === 'bar') return barMark(Plot, chart, xKind, paint);
  // On a continuous axis a line goes through its points from left to right; on an ordinal one, in row order.
  const position = { x: chart.x, y: chart.y, ...(xKind === 'ordinal' ? {} : { sort: chart.x }) };
  if (chart.mark === 'line') return Plot.lineY(chart.data, { ...position, stroke: paint });
  if (chart.mark === 'area') return Plot.areaY(chart.data, { ...position, fill: paint, fillOpacity: chart.color ? 0.8 : 0.6 });
  return Plot.dot(chart.data, { x: chart.x, y: chart.y, stroke: paint, title: hoverText(chart) });
}

/** Runs `draw` and returns what it logged with console.warn (Plot's only channel for its warnings). */
function catchingWarnings<T>(draw: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => warnings.push(parts.map(String).join(' '));
  try {
    return { result: draw(), warnings };
  } finally {
    console.warn = original;
  }
}

export async function renderChart(chart: ChartValue, document: Document, options: RenderOptions = {}): Promise<RenderedChart> {
  const Plot = await import('@observablehq/plot');
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const xKind = axisKind(columnOf(chart, chart.x));
  const yKind = axisKind(columnOf(chart, chart.y));
  const { scale: x, marginBottom } = xAxis(chart, xKind, width);
  const { result: element, warnings } = catchingWarnings(() =>
    Plot.plot({
      document,
      x,
      y: yAxis(chart, yKind, height),
      ...(marginBottom === undefined ? {} : { marginBottom }),
      marks: [markOf(Plot, chart, xKind), ...(yKind === 'linear' ? [Plot.ruleY([0])] : [])],
      ...(chart.title ? { title: chart.title } : {}),
      ...(chart.color ? { color: { legend: true } } : {}),
      ...(options.width ? { width: options.width } : {}),
      ...(options.height ? { height: options.height } : {}),
    }),
  );
  // Plot draws an empty frame, silently, for a bar chart of text: the ⚠ says why.
  const empty = whyNothingIsDrawn(chart.mark, chart.y, columnOf(chart, chart.y));
  if (empty) warnings.unshift(empty);
  // Plot's ⚠ says "N warnings. Please check the console."; it says the warnings instead.
  if (warnings.length) {
    for (const title of element.querySelectorAll('svg > text > title')) {
      if (/check the console/.test(title.textContent ?? '')) title.textContent = warnings.join('\n');
    }
  }
  return { element, warnings };
}
