/** Ctrl+F on the canvas: find nodes by title, model or slot; the match is selected and centred. Enter cycles, Esc closes. */
import { useState, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { findNodes } from '../../store/graph';
import { useStudio } from '../hooks/useStudio';
import { READABLE_ZOOM } from './fitOptions';
import './canvasTools.css';
import { focusOnMount } from '../focusOnMount';

export function FindBar({ onClose }: { onClose(): void }) {
  const { graph } = useStudio();
  const { getInternalNode, getZoom, setCenter } = useReactFlow();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ ids: string[]; index: number }>({ ids: [], index: 0 });

  const show = (ids: string[], index: number) => {
    setFound({ ids, index });
    const id = ids[index];
    const node = id ? getInternalNode(id) : undefined;
    if (!id || !node) return;
    graph.getState().selectNode(id);
    const { x, y } = node.internals.positionAbsolute;
    const centre = { x: x + (node.measured.width ?? 0) / 2, y: y + (node.measured.height ?? 0) / 2 };
    void setCenter(centre.x, centre.y, { zoom: Math.max(getZoom(), READABLE_ZOOM), duration: 200 });
  };
  const step = (by: number) => {
    const ids = findNodes(graph.getState().nodes, query);
    if (ids.length) show(ids, (found.index + by + ids.length) % ids.length);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  const count = !query.trim() ? '' : found.ids.length ? `${found.index + 1} of ${found.ids.length}` : 'No match';
  return (
    <search className="find-bar" aria-label="Find nodes" data-testid="find-bar" onKeyDown={onKeyDown}>
      <input
        type="search"
        className="find-input"
        ref={focusOnMount}
        aria-label="Find nodes by title, model or slot"
        placeholder="Find nodes: title, model or slot"
        data-testid="find-input"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          show(findNodes(graph.getState().nodes, event.target.value), 0);
        }}
      />
      <span className="find-count" role="status" data-testid="find-count">
        {count}
      </span>
      <button type="button" className="find-button" aria-label="Previous match (Shift+Enter)" disabled={found.ids.length < 2} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" className="find-button" aria-label="Next match (Enter)" disabled={found.ids.length < 2} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" className="find-button" aria-label="Close the search (Esc)" data-testid="find-close" onClick={onClose}>
        ✕
      </button>
    </search>
  );
}
