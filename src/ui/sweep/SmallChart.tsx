/** A chart as a small multiple in the sweep's results: the renderer's drawing at a fixed small size, without its title. */
import { useEffect, useRef, useState } from 'react';
import type { ChartValue } from '../../models/chart/chartValue';

const WIDTH = 240;
const HEIGHT = 112;

/** Its words are the figure’s caption, so the drawing is hidden from assistive technology. */
export function SmallChart({ value }: { value: ChartValue }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const target = host.current;
    if (!target) return;
    let live = true;
    const { title: _title, ...untitled } = value;
    import('../../models/chart/render')
      .then(({ renderChart }) => renderChart(untitled, document, { width: WIDTH, height: HEIGHT }))
      .then((drawn) => live && target.replaceChildren(drawn.element))
      .catch((reason: unknown) => live && setError(String((reason as Error)?.message ?? reason)));
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div className="sweep-chart">
      {error ? (
        <span className="sweep-cell-error">The chart could not be drawn: {error}</span>
      ) : (
        <div ref={host} data-testid="sweep-chart-host" aria-hidden="true" />
      )}
    </div>
  );
}
