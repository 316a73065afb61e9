/**
 * Beside Run: which state Run starts from (this workflow's initial state, one of its saved states,
 * or an application's), with what Run and Rerun do said in words next to it.
 */
import type { GraphState, RunStateChoice } from '../../store/graph';
import { useAppStates } from '../hooks/useAppStates';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';

const selectSaved = (state: GraphState) => state.savedStates;
const selectRunState = (state: GraphState) => state.runState;
const selectResolved = (state: GraphState) => state.resolvedRunState;

const OWN = 'own';
const valueOf = (choice: RunStateChoice) => (choice.kind === 'own' ? OWN : choice.kind === 'saved' ? `saved:${choice.name}` : `ref:${choice.ref}`);
const choiceOf = (value: string): RunStateChoice =>
  value.startsWith('saved:') ? { kind: 'saved', name: value.slice(6) } : value.startsWith('ref:') ? { kind: 'ref', ref: value.slice(4) } : { kind: 'own' };

export function RunStateChooser() {
  const saved = Object.keys(useGraph(selectSaved));
  const choice = useGraph(selectRunState);
  const resolved = useGraph(selectResolved);
  const appStates = useAppStates();
  const store = useStudio().graph.getState();
  const current = valueOf(choice);
  const known = current === OWN || (choice.kind === 'saved' && saved.includes(choice.name)) || (choice.kind === 'ref' && appStates.includes(choice.ref));
  const trouble = choice.kind === 'saved' && !saved.includes(choice.name) ? 'this saved state is gone' : resolved?.status === 'error' ? resolved.message : null;
  return (
    <div className="run-state" role="group" aria-label="State for Run">
      <label className="run-state-label" htmlFor="run-state-select" title="Run starts from this state">
        <b>Run</b> from
      </label>
      <select
        id="run-state-select"
        data-testid="run-state-select"
        value={current}
        aria-describedby="run-state-help"
        aria-invalid={trouble !== null}
        onChange={(event) => store.chooseRunState(choiceOf(event.target.value))}
      >
        <option value={OWN}>this workflow’s slots</option>
        {saved.length > 0 && (
          <optgroup label="Saved states">
            {saved.map((name) => (
              <option key={name} value={`saved:${name}`}>
                {name}
              </option>
            ))}
          </optgroup>
        )}
        {appStates.length > 0 && (
          <optgroup label="Application states">
            {appStates.map((ref) => (
              <option key={ref} value={`ref:${ref}`}>
                {ref}
              </option>
            ))}
          </optgroup>
        )}
        {!known && <option value={current}>{choice.kind === 'saved' ? `${choice.name} (gone)` : choice.kind === 'ref' ? choice.ref : ''}</option>}
      </select>
      <span id="run-state-help" className="run-state-help" data-testid="run-state-help">
        {trouble ? (
          <span className="run-state-trouble" role="status">
            ⚠ {trouble}
          </span>
        ) : (
          <>
            <b>Rerun</b> replays the last run’s state
          </>
        )}
      </span>
    </div>
  );
}
