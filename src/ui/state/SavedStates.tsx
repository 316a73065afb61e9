/** Named copies of the initial state: save the slots under a name, use one for Run, load it back, delete it. */
import { useState } from 'react';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import { savedStateRef } from '../../apps/workspaceReferences';
import { sidePanelStore, useSidePanel } from './sidePanel';

const selectSaved = (state: GraphState) => state.savedStates;
const selectRunState = (state: GraphState) => state.runState;
const selectName = (state: GraphState) => state.name;
const selectExport = (state: { exportSavedStates: boolean }) => state.exportSavedStates;

export function SavedStates() {
  const saved = useGraph(selectSaved);
  const runState = useGraph(selectRunState);
  const workflowName = useGraph(selectName);
  const includeInExport = useSidePanel(selectExport);
  const store = useStudio().graph.getState();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const names = Object.keys(saved);
  return (
    <section className="saved-states" aria-labelledby="saved-states-title" data-testid="saved-states">
      <h3 id="saved-states-title" className="inspector-section">
        Saved states
      </h3>
      <form
        className="state-add"
        aria-label="Save the slots as a named state"
        onSubmit={(event) => {
          event.preventDefault();
          const problem = store.saveState(name);
          setError(problem);
          if (!problem) setName('');
        }}
      >
        <label className="visually-hidden" htmlFor="save-state-name">
          Saved state name
        </label>
        <input
          id="save-state-name"
          type="text"
          placeholder="Name, e.g. 2014 only"
          data-testid="save-state-name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
        <button
          type="submit"
          className="button small"
          data-testid="save-state-button"
          title="Save the slots above under this name (replaces a saved state of that name)"
        >
          Save slots
        </button>
        {error && (
          <span className="field-error state-add-error" role="alert">
            {error}
          </span>
        )}
      </form>
      {names.length ? (
        <ul className="saved-states-list">
          {names.map((saved) => {
            const used = runState.kind === 'saved' && runState.name === saved;
            return (
              <li key={saved} className={`saved-state ${used ? 'is-used' : ''}`} data-testid={`saved-state-${saved}`}>
                <span className="saved-state-name" title={savedStateRef(workflowName, saved)}>
                  {saved}
                  {used && <span className="muted small"> · Run uses it</span>}
                </span>
                <span className="saved-state-actions">
                  <button
                    type="button"
                    className="link-button"
                    disabled={used}
                    onClick={() => store.chooseRunState({ kind: 'saved', name: saved })}
                    aria-label={`Run from saved state ${saved}`}
                  >
                    Run from it
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => store.loadSavedState(saved)}
                    aria-label={`Copy saved state ${saved} into the slots`}
                  >
                    Load
                  </button>
                  <button
                    type="button"
                    className="link-button is-danger"
                    onClick={() => store.deleteSavedState(saved)}
                    aria-label={`Delete saved state ${saved}`}
                  >
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="state-intro muted">None yet. A saved state is also a reference the Runner and the swark command take.</p>
      )}
      <label className="check small state-export-check">
        <input
          type="checkbox"
          data-testid="export-include-states"
          checked={includeInExport}
          onChange={(event) => sidePanelStore.getState().setExportSavedStates(event.target.checked)}
        />
        Export them with the workflow
      </label>
    </section>
  );
}
