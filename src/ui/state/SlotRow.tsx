/** One slot of the initial state: its name, kind and value, the inputs that read it, and delete. */
import { useEffect, useRef, useState } from 'react';
import type { SlotView } from '../../store/graph/initialState';
import { KIND_WORDS, TYPED_KINDS, type SlotKind } from '../../store/graph/slots';
import { useStudio } from '../hooks/useStudio';
import { useSidePanel } from './sidePanel';
import { SlotValueInput } from './SlotValueInput';

const selectFocus = (state: { focus: { slot: string; request: number } | null }) => state.focus;

export function SlotRow({ view }: { view: SlotView }) {
  const store = useStudio().graph.getState();
  const [error, setError] = useState<string | null>(null);
  const row = useRef<HTMLLIElement>(null);
  const focus = useSidePanel(selectFocus);
  const focused = focus?.slot === view.name;
  // Opened from an inspector input: bring the slot into view and put the cursor in its value.
  useEffect(() => {
    if (!focused || !row.current) return;
    row.current.scrollIntoView({ block: 'nearest' });
    row.current.querySelector<HTMLElement>('[data-slot-value]')?.focus();
  }, [focused, focus?.request]);
  const typed = TYPED_KINDS.includes(view.kind);
  const id = `slot-${view.name.replace(/[^\w-]/g, '_')}`;
  return (
    <li ref={row} className={`state-slot ${focused ? 'is-focused' : ''} ${view.missing ? 'is-missing' : ''}`} data-testid={`state-slot-row-${view.name}`}>
      <div className="state-slot-head">
        <SlotName view={view} />
        {typed ? (
          <select
            aria-label={`Kind of slot ${view.name}`}
            data-testid={`state-slot-kind-${view.name}`}
            value={view.kind}
            onChange={(event) => {
              store.setSlotKind(view.name, event.target.value as SlotKind);
              setError(null);
            }}
          >
            {TYPED_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_WORDS[kind]}
              </option>
            ))}
          </select>
        ) : (
          <span className="state-slot-kind">{KIND_WORDS[view.kind]}</span>
        )}
        {!view.missing && (
          <button
            type="button"
            className="icon-button state-slot-delete"
            aria-label={`Delete slot ${view.name}`}
            title={view.readers.length ? 'Delete the slot; the inputs that read it go back to their own values' : 'Delete the slot'}
            onClick={() => store.deleteSlot(view.name)}
          >
            ×
          </button>
        )}
      </div>
      {view.missing && <p className="field-error">Read by a step but not set: give it a value, or a run stops at that step.</p>}
      <SlotValueInput id={`${id}-value`} view={view} problemId={error ? `${id}-problem` : null} onProblem={setError} />
      {error && (
        <span id={`${id}-problem`} className="field-error" role="alert">
          {error}
        </span>
      )}
      <Readers view={view} />
    </li>
  );
}

function SlotName({ view }: { view: SlotView }) {
  const store = useStudio().graph.getState();
  const [draft, setDraft] = useState(view.name);
  const [error, setError] = useState<string | null>(null);
  if (view.missing) return <span className="state-slot-name mono">{view.name}</span>;
  const commit = () => {
    const problem = store.renameSlot(view.name, draft);
    setError(problem);
    if (problem) setDraft(view.name);
  };
  return (
    <span className="state-slot-name">
      <input
        type="text"
        className="mono"
        aria-label={`Name of slot ${view.name}`}
        data-testid={`state-slot-name-${view.name}`}
        value={draft}
        aria-invalid={!!error}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(view.name);
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function Readers({ view }: { view: SlotView }) {
  const { graph } = useStudio();
  if (!view.readers.length) return <p className="state-readers muted">Read by no step yet.</p>;
  return (
    <p className="state-readers" data-testid={`state-slot-readers-${view.name}`}>
      <span className="muted">Read by </span>
      {view.readers.map((reader, i) => (
        <span key={`${reader.nodeId}.${reader.field}`}>
          {i > 0 && ', '}
          <button type="button" className="link-button" title="Select this step" onClick={() => graph.getState().selectNode(reader.nodeId)}>
            {reader.label}
          </button>
          <span className="muted">.{reader.field}</span>
        </span>
      ))}
    </p>
  );
}
