/**
 * The initial state (`data-testid="state-editor"`): the slots Run starts from, each with its kind,
 * value and the steps that read it; add, rename, retype and delete them; save them as named states.
 * Not the run panel's "State", which shows what the last run left. Every rule is the graph store's.
 */
import { useMemo, useState } from 'react';
import { slotViews } from '../../store/graph/initialState';
import { runStateLabel } from '../../store/graph/runState';
import { KIND_WORDS, TYPED_KINDS, type SlotKind } from '../../store/graph/slots';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import { CacheSetting } from './CacheSetting';
import { SavedStates } from './SavedStates';
import { SlotRow } from './SlotRow';
import './state.css';

const selectNodes = (state: GraphState) => state.nodes;
const selectEdges = (state: GraphState) => state.edges;
const selectSlots = (state: GraphState) => state.initialState;
const selectRunState = (state: GraphState) => state.runState;

export function StateEditor() {
  const nodes = useGraph(selectNodes);
  const edges = useGraph(selectEdges);
  const slots = useGraph(selectSlots);
  const runState = useGraph(selectRunState);
  const views = useMemo(() => slotViews(nodes, edges, slots), [nodes, edges, slots]);
  const store = useStudio().graph.getState();
  return (
    <section className="state-editor" data-testid="state-editor" aria-labelledby="state-editor-title">
      <h2 id="state-editor-title" className="visually-hidden">
        Initial state
      </h2>
      <p className="state-intro">
        The named values (slots) a <strong>Run</strong> starts from; steps read them where an input says “← initial state slot”. <strong>Rerun</strong> instead
        replays the state the last run left (the run panel’s State).
      </p>
      {runState.kind !== 'own' && (
        <p className="state-note" role="note" data-testid="state-run-note">
          Run now starts from {runStateLabel(runState)}, not from these slots.{' '}
          <button type="button" className="link-button" onClick={() => store.chooseRunState({ kind: 'own' })}>
            Run from these slots
          </button>
        </p>
      )}
      {views.length ? (
        <ul className="state-slots-list" aria-label="Slots">
          {views.map((view) => (
            <SlotRow key={view.name} view={view} />
          ))}
        </ul>
      ) : (
        <p className="state-intro muted">No slots yet: add one below, then bind an input to it.</p>
      )}
      <AddSlot />
      <SavedStates />
      <CacheSetting />
    </section>
  );
}

function AddSlot() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SlotKind>('number');
  const [error, setError] = useState<string | null>(null);
  const store = useStudio().graph.getState();
  const add = () => {
    const problem = store.addSlot(name, kind);
    setError(problem);
    if (!problem) setName('');
  };
  return (
    <form
      className={`state-add ${error ? 'has-error' : ''}`}
      aria-label="Add a slot"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <label className="visually-hidden" htmlFor="state-add-name">
        New slot name
      </label>
      <input
        id="state-add-name"
        type="text"
        placeholder="New slot name"
        data-testid="state-add-name"
        value={name}
        aria-invalid={!!error}
        aria-describedby={error ? 'state-add-error' : undefined}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
      />
      <label className="visually-hidden" htmlFor="state-add-kind">
        New slot kind
      </label>
      <select id="state-add-kind" data-testid="state-add-kind" value={kind} onChange={(event) => setKind(event.target.value as SlotKind)}>
        {TYPED_KINDS.map((option) => (
          <option key={option} value={option}>
            {KIND_WORDS[option]}
          </option>
        ))}
      </select>
      <button type="submit" className="button small" data-testid="state-add-button">
        Add slot
      </button>
      {error && (
        <span id="state-add-error" className="field-error state-add-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
