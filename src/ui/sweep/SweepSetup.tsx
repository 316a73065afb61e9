/** The sweep dialog's setup: one slot over a list of values, or several states; the outputs to show; Run. */
import { useLateStores } from '../hooks/useLateStores';
import { useState } from 'react';
import type { RunStateChoice } from '../../store/graph';
import type { SweepState } from '../../store/sweep';
import { useAppStates } from '../hooks/useAppStates';
import { useSweep } from '../hooks/useSweep';
import { choiceKey, useSweepSetup } from './useSweepSetup';

const selectMaxJobs = (state: SweepState) => state.maxJobs;

function StateChoice({ choice, label, setup }: { choice: RunStateChoice; label: string; setup: ReturnType<typeof useSweepSetup> }) {
  return (
    <label className="sweep-choice">
      <input type="checkbox" data-testid={`sweep-state-${choiceKey(choice)}`} checked={setup.isChosen(choice)} onChange={() => setup.toggleState(choice)} />
      <span>{label}</span>
    </label>
  );
}

export function SweepSetup() {
  const setup = useSweepSetup();
  const appStates = useAppStates();
  const maxJobs = useSweep(selectMaxJobs);
  const { sweep } = useLateStores();
  const [refused, setRefused] = useState<string | null>(null);
  const start = async () => {
    if (!setup.request) return;
    setRefused(await sweep.getState().start(setup.request));
  };
  const problem = refused ?? setup.problem;
  const jobs = Math.min(maxJobs, Math.max(setup.count, 1));
  return (
    <form
      className="sweep-setup"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <h2 id="sweep-title">Run over states</h2>
      <p className="sweep-lead">
        Runs this workflow once per state and shows the results side by side. Steps that do not depend on what varies run once and are shared through the cache.
      </p>
      <div className="sweep-modes" role="radiogroup" aria-label="Run over">
        {(['values', 'states'] as const).map((mode) => (
          <label key={mode} className={`sweep-mode${setup.mode === mode ? ' is-on' : ''}`}>
            <input type="radio" name="sweep-mode" data-testid={`sweep-mode-${mode}`} checked={setup.mode === mode} onChange={() => setup.setMode(mode)} />
            {mode === 'values' ? 'One slot, several values' : 'Several states'}
          </label>
        ))}
      </div>

      {setup.mode === 'values' ? (
        <div className="sweep-values">
          <label className="sweep-field">
            <span>Slot</span>
            <select data-testid="sweep-slot" value={setup.slot} onChange={(event) => setup.setSlot(event.target.value)}>
              {setup.slots.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="sweep-field is-wide">
            <span>Values, separated by commas</span>
            <input
              data-testid="sweep-values"
              value={setup.text}
              spellCheck={false}
              placeholder="2012, 2013, 2014"
              aria-invalid={setup.problem !== null}
              aria-describedby="sweep-problem"
              onChange={(event) => {
                setRefused(null);
                setup.setText(event.target.value);
              }}
            />
          </label>
        </div>
      ) : (
        <fieldset className="sweep-states">
          <legend>States</legend>
          <StateChoice choice={{ kind: 'own' }} label="This workflow’s slots" setup={setup} />
          {setup.savedNames.length > 0 && <span className="sweep-group">Saved states</span>}
          {setup.savedNames.map((name) => (
            <StateChoice key={name} choice={{ kind: 'saved', name }} label={name} setup={setup} />
          ))}
          {appStates.length > 0 && <span className="sweep-group">Application states</span>}
          {appStates.map((ref) => (
            <StateChoice key={ref} choice={{ kind: 'ref', ref }} label={ref.replace(/^app:\/\//, '')} setup={setup} />
          ))}
        </fieldset>
      )}

      <fieldset className="sweep-outputs">
        <legend>Columns: the outputs to show</legend>
        {setup.outputs.map((output) => (
          <label key={output} className={`sweep-chip${setup.selected.includes(output) ? ' is-on' : ''}`}>
            <input
              type="checkbox"
              data-testid={`sweep-output-${output}`}
              checked={setup.selected.includes(output)}
              onChange={() => setup.toggleOutput(output)}
            />
            {output}
          </label>
        ))}
      </fieldset>

      <p id="sweep-problem" className={problem ? 'sweep-problem' : 'sweep-note'} role={problem ? 'alert' : undefined} data-testid="sweep-problem">
        {problem ??
          (setup.selected.length
            ? `${setup.count} states, up to ${jobs} at a time${maxJobs === 1 ? ' (this machine has one core to spare)' : ''}.`
            : 'Choose at least one output to show.')}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => sweep.getState().close()}>
          Close
        </button>
        <button type="submit" className="button is-primary" data-testid="sweep-start" disabled={!setup.request}>
          Run {setup.count > 0 ? setup.count : ''} states
        </button>
      </div>
    </form>
  );
}
