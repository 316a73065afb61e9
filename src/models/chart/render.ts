/**
 * Draws a chart value with Observable Plot, loaded on first use. For the run panel:
 * `container.append(await renderChart(chart, document))`. Works with any DOM `Document`
 * (the page, or a test DOM).
 */
import type { ChartValue } from './chartValue';

const ACCENT = '#4269d0';

export interface RenderOptions {
  width?: number;
  height?: number;
}

export async function renderChart(chart: ChartValue, document: Document, options: RenderOptions = {}): Promise<HTMLElement | SVGSVGElement> {
  const Plot = await import('@observablehq/plot');
  // Without a colour column, marks use one accent colour rather than Plot's black.
  const paint = chart.color ?? ACCENT;
  const position = { x: chart.x, y: chart.y };
  const mark =
    chart.mark === 'bar'
      ? Plot.barY(chart.data, { ...position, fill: paint })
      : chart.mark === 'line'
        ? Plot.lineY(chart.data, { ...position, stroke: paint })
        : chart.mark === 'area'
          ? Plot.areaY(chart.data, { ...position, fill: paint, fillOpacity: chart.color ? 0.8 : 0.6 })
          : Plot.dot(chart.data, { ...position, stroke: paint });
  return Plot.plot({
    document,
    marks: [mark, Plot.ruleY([0])],
    ...(chart.title ? { title: chart.title } : {}),
    ...(chart.color ? { color: { legend: true } } : {}),
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
}
