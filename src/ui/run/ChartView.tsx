/** A chart value drawn by the model library's renderer at the width it is shown at, with SVG and PNG export. */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ChartValue } from '../../models/chart/chartValue';
import { exportPNG, exportSVG } from './exportValue';

/** Observable Plot loads with the first chart shown. */
const loadRenderer = () => import('../../models/chart/render');

/** Redraws under this change of width are not worth it. */
const WIDTH_STEP = 16;

/** The chart's height for a width: a 5:3 shape, capped so it fits the pane (or the large view). */
function chartHeight(width: number, tall: boolean): number {
  const cap = tall ? Math.max(240, Math.round(window.innerHeight * 0.9) - 160) : 320;
  return Math.max(160, Math.min(cap, Math.round((width * 3) / 5)));
}

/** The element's content width, rounded to WIDTH_STEP, following resizes. */
function useWidth(element: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const measure = () => setWidth(Math.floor(target.clientWidth / WIDTH_STEP) * WIDTH_STEP);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

export default function ChartView({ value, name, tall = false }: { value: ChartValue; name: string; tall?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    if (!host.current || width <= 0) return;
    let live = true;
    const target = host.current;
    loadRenderer()
      .then(({ renderChart }) => renderChart(value, document, { width, height: chartHeight(width, tall) }))
      .then((drawn) => {
        if (!live) return;
        target.replaceChildren(drawn.element);
        setWarnings(drawn.warnings);
        setError(null);
      })
      .catch((reason: unknown) => live && setError(String((reason as Error)?.message ?? reason)));
    return () => {
      live = false;
    };
  }, [value, width, tall]);
  const svg = () => host.current?.querySelector('svg') ?? null;
  return (
    <div className="chart-view" ref={box}>
      {/* The renderer's own words in place of the chart, never an empty frame. */}
      {error && (
        <p role="alert" className="chart-error" data-testid="chart-error">
          ⚠ The chart could not be drawn: {error}
        </p>
      )}
      <div ref={host} data-testid="chart-host" hidden={error !== null} />
      {!error && warnings.length > 0 && (
        <ul className="chart-warnings" data-testid="chart-warnings">
          {warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
      <div className="value-actions">
        <button
          type="button"
          className="run-btn run-btn-quiet"
          disabled={error !== null}
          onClick={() => {
            const el = svg();
            if (el) exportSVG(el, name);
          }}
        >
          SVG
        </button>
        <button
          type="button"
          className="run-btn run-btn-quiet"
          disabled={error !== null}
          onClick={() => {
            const el = svg();
            if (el) void exportPNG(el, name);
          }}
        >
          PNG
        </button>
      </div>
    </div>
  );
}
