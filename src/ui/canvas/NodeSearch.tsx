/**
 * The model search at the pointer (double-click or Space on empty canvas, or a wire dropped there):
 * type to filter, ↑/↓ and Enter to choose, Esc to close. The chosen model goes where it opened,
 * wired to the dropped wire if there was one.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { modelInfo, searchModels, type ModelMatch } from '../../store/graph';
import { useStudio } from '../hooks/useStudio';
import { useModels } from '../palette/useModels';
import { placeInside, type SearchRequest } from './canvasTools';
import './canvasTools.css';
import { focusOnMount } from '../focusOnMount';

const SIZE = { width: 320, height: 340 };
const SHOWN = 60;

/** The top-left of the new node, so that its wired port lands at the point. */
function nodeCorner(at: { x: number; y: number }, request: SearchRequest) {
  if (!request.wire) return { x: at.x - 100, y: at.y - 30 };
  return request.wire.end.from === 'output' ? { x: at.x + 8, y: at.y - 56 } : { x: at.x - 208, y: at.y - 56 };
}

function useChoose(request: SearchRequest, onClose: () => void) {
  const { graph } = useStudio();
  const { screenToFlowPosition } = useReactFlow();
  return (match: ModelMatch) => {
    const at = nodeCorner(screenToFlowPosition(request.screen), request);
    const { wire } = request;
    if (wire && match.port)
      graph.getState().addWiredNode(match.model.id, at, { nodeId: wire.nodeId, handle: wire.handle, from: wire.end.from, port: match.port });
    else graph.getState().addNode(match.model.id, at);
    onClose();
  };
}

export function NodeSearch({ request, onClose }: { request: SearchRequest; onClose(): void }) {
  const models = useModels();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const choose = useChoose(request, onClose);
  const infos = useMemo(() => models.flatMap((model) => modelInfo(model.id) ?? []), [models]);
  const found = useMemo(() => searchModels(infos, query, request.wire?.end ?? null).slice(0, SHOWN), [infos, query, request.wire]);
  const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
  const place = box ? placeInside(request.screen, box, SIZE) : { x: 8, y: 8 };
  const current = found[Math.min(active, found.length - 1)];

  useLayoutEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, found]);

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step && found.length) {
      event.preventDefault();
      setActive((index) => (Math.min(index, found.length - 1) + step + found.length) % found.length);
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  const { wire } = request;
  const verb = wire?.end.from === 'output' ? 'take' : 'give';
  const what = wire?.end.type === 'any' ? 'any value' : `a ${wire?.end.type}`;
  const hint = wire ? `Models that ${verb} ${what}` : null;
  return (
    <div
      className="node-search"
      role="dialog"
      aria-label="Add a node"
      data-testid="node-search"
      style={{ left: place.x, top: place.y, width: SIZE.width, maxHeight: SIZE.height }}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose();
      }}
    >
      <input
        className="node-search-input"
        ref={focusOnMount}
        role="combobox"
        aria-expanded="true"
        aria-controls="node-search-list"
        aria-autocomplete="list"
        aria-activedescendant={current ? `node-search-${current.model.id}` : undefined}
        aria-label={hint ? `Search models to add: ${hint.toLowerCase()}` : 'Search models to add'}
        placeholder={hint ? `${hint}…` : 'Add a model: type to search…'}
        data-testid="node-search-input"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <ul className="node-search-list" id="node-search-list" role="listbox" aria-label="Models" ref={list}>
        {found.map((match) => (
          <li
            key={match.model.id}
            id={`node-search-${match.model.id}`}
            role="option"
            aria-selected={match === current}
            className={`node-search-option cat-${match.model.category}`}
            data-testid={`node-search-option-${match.model.id}`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(match)}
          >
            <span className="node-search-title">{match.model.title}</span>
            <span className="node-search-id">
              {match.model.id}
              {match.port && ` · ${match.port}`}
            </span>
          </li>
        ))}
      </ul>
      {found.length === 0 && (
        <p className="node-search-empty" role="status">
          {query.trim() ? `No model matches “${query.trim()}”${hint ? ` among the ${hint.toLowerCase()}` : ''}.` : `No model ${verb}s ${what}.`}
        </p>
      )}
    </div>
  );
}
