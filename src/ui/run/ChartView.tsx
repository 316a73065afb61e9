/** A chart value drawn by the model library's renderer, with SVG and PNG export. */
import { useEffect, useRef, useState } from 'react';
import { exportPNG, exportSVG } from './exportValue';

type Render = (value: unknown, document: Document) => Element | Promise<Element>;
// Found through a glob so this builds before the chart renderer lands.
const renderers = import.meta.glob<{ renderChart: Render }>('../../models/chart/render.ts');

export function hasChartRenderer(): boolean {
  return Object.keys(renderers).length > 0;
}

export default function ChartView({ value, name }: { value: unknown; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = Object.values(renderers)[0];
    if (!load || !host.current) return;
    let live = true;
    const target = host.current;
    load()
      .then(({ renderChart }) => renderChart(value, document))
      .then((element) => {
        if (live) target.replaceChildren(element);
      })
      .catch((reason: unknown) => live && setError(String((reason as Error)?.message ?? reason)));
    return () => {
      live = false;
    };
  }, [value]);
  const svg = () => host.current?.querySelector('svg') ?? null;
  return (
    <div className="chart-view">
      {error ? <p role="alert">The chart could not be drawn: {error}</p> : <div ref={host} />}
      <div className="value-actions">
        <button type="button" className="run-btn run-btn-quiet" onClick={() => { const el = svg(); if (el) exportSVG(el, name); }}>SVG</button>
        <button type="button" className="run-btn run-btn-quiet" onClick={() => { const el = svg(); if (el) void exportPNG(el, name); }}>PNG</button>
      </div>
    </div>
  );
}
