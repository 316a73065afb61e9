/**
 * Draws a chart value with Observable Plot, loaded on first use. For the run panel:
 * `container.append(await renderChart(chart, document))`. Works with any DOM `Document`
 * (the page, or a test DOM).
 */
import type { ChartValue } from './chartValue';

export interface RenderOptions {
  width?: number;
  height?: number;
}

export async function renderChart(chart: ChartValue, document: Document, options: RenderOptions = {}): Promise<HTMLElement | SVGSVGElement> {
  const Plot = await import('@observablehq/plot');
  const channels = { x: chart.x, y: chart.y, ...(chart.color ? (chart.mark === 'line' ? { stroke: chart.color } : { fill: chart.color }) : {}) };
  const mark =
    chart.mark === 'bar'
      ? Plot.barY(chart.data, channels)
      : chart.mark === 'line'
        ? Plot.lineY(chart.data, { ...channels, ...(chart.color ? {} : { stroke: 'steelblue' }) })
        : chart.mark === 'area'
          ? Plot.areaY(chart.data, channels)
          : Plot.dot(chart.data, chart.color ? { x: chart.x, y: chart.y, stroke: chart.color } : { x: chart.x, y: chart.y });
  return Plot.plot({
    document,
    marks: [mark, Plot.ruleY([0])],
    ...(chart.title ? { title: chart.title } : {}),
    ...(chart.color ? { color: { legend: true } } : {}),
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
}
